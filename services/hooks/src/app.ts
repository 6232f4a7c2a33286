import { createServiceApp, type ServiceAppOptions } from "@agora/http";
import { newRoutes } from "@agora/http";
import type { HooksDeps } from "./hooks-deps.ts";
import { discourseRoutes } from "./routes/discourse.ts";
import { gitlabRoutes } from "./routes/gitlab.ts";

/** The intake's routes, to mount on any app whose deps include `HooksDeps`. */
export function hooksRoutes() {
  return newRoutes<HooksDeps>().route("/", gitlabRoutes()).route("/", discourseRoutes());
}

/** The intake as a service of its own. */
export function createApp(options: Omit<ServiceAppOptions<HooksDeps>, "service">) {
  return createServiceApp({ ...options, service: "hooks" }).route("/", hooksRoutes());
}

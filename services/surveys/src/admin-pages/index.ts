import { newRoutes } from "@agora/http";
import { clientAddress, createRateLimiter } from "../rate-limit/index.ts";
import type { SurveyDeps } from "../survey-deps.ts";
import { adminStylesheetRoute } from "./admin-stylesheet.ts";
import { builderRoutes } from "./builder-routes.ts";
import { downloadRoutes } from "./download-routes.ts";
import { editorRoutes } from "./editor-routes.ts";
import { previewRoutes } from "./preview-routes.ts";
import { adminResultsRoutes } from "./results-routes.ts";
import type { AdminPageContext } from "./admin-session.ts";
import { signInRoutes } from "./sign-in-routes.ts";
import { surveyPageRoutes } from "./survey-routes.ts";

/**
 * The survey admin in the browser, under /admin: server-rendered forms that work without
 * JavaScript, behind a session cookie scoped to /admin (see ADR 10). Every action calls the
 * verb the JSON API calls.
 */
export interface AdminPageOptions {
  /** Sign-ins per client address: 10 per 10 minutes unless given. */
  signIns?: { limit: number; windowMinutes: number };
  /** Where the client's address comes from; by default as for the members' rate limit. */
  clientAddress?: (c: AdminPageContext) => string | undefined;
}

export function adminPageRoutes(options: AdminPageOptions = {}) {
  const routes = newRoutes<SurveyDeps>();
  const { limit, windowMinutes } = options.signIns ?? { limit: 10, windowMinutes: 10 };
  // In memory and per process, under a daily keyed hash of the address, as for open surveys.
  const limiter = createRateLimiter({ limit, windowMs: windowMinutes * 60_000 });
  routes.route("/", adminStylesheetRoute());
  routes.route(
    "/",
    signInRoutes({
      limiter,
      clientAddress: options.clientAddress ?? ((c) => clientAddress(c, c.var.deps.surveys.trustedProxies)),
    }),
  );
  routes.route("/", surveyPageRoutes());
  routes.route("/", editorRoutes());
  routes.route("/", builderRoutes());
  routes.route("/", previewRoutes());
  routes.route("/", adminResultsRoutes());
  routes.route("/", downloadRoutes());
  return routes;
}

import { newRoutes } from "@agora/http";
import type { SurveyDeps } from "../survey-deps.ts";
import { exportRoutes } from "./export-routes.ts";
import { inviteRoutes } from "./invite-routes.ts";
import { surveyReadRoutes } from "./survey-read-routes.ts";
import { surveyStateRoutes } from "./survey-state-routes.ts";
import { surveyWriteRoutes } from "./survey-write-routes.ts";

/**
 * Routes of the admin JSON API under /api/surveys. Each route carries the admin check itself, ahead
 * of its validators (so a request without the token learns nothing, not even whether its body was
 * valid), rather than one middleware on /api/surveys/*: the blind-signing routes live under the
 * same prefix and are for members.
 */
export function adminRoutes() {
  const routes = newRoutes<SurveyDeps>();
  routes.openAPIRegistry.registerComponent("securitySchemes", "surveyAdmin", {
    type: "http",
    scheme: "bearer",
    description: "An admin token of the community file or AGORA_ADMIN_TOKEN",
  });
  routes.route("/", surveyReadRoutes());
  routes.route("/", surveyWriteRoutes());
  routes.route("/", surveyStateRoutes());
  routes.route("/", inviteRoutes());
  routes.route("/", exportRoutes());
  return routes;
}

import { newRoutes } from "@agora/http";
import type { SurveyDeps } from "../survey-deps.ts";
import { requireSurveyAdmin } from "./admin-auth.ts";
import { exportRoutes } from "./export-routes.ts";
import { inviteRoutes } from "./invite-routes.ts";
import { surveyReadRoutes } from "./survey-read-routes.ts";
import { surveyStateRoutes } from "./survey-state-routes.ts";
import { surveyWriteRoutes } from "./survey-write-routes.ts";

/** Routes of the admin JSON API under /api/surveys, every one behind an admin bearer token. */
export function adminRoutes() {
  const routes = newRoutes<SurveyDeps>();
  // Before any route, so a request without the token learns nothing, not even whether its body was valid.
  routes.use("/api/surveys", requireSurveyAdmin());
  routes.use("/api/surveys/*", requireSurveyAdmin());
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

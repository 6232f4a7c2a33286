import { newRoutes } from "@agora/http";
import { adminRoutes } from "./admin/index.ts";
import { adminPageRoutes } from "./admin-pages/index.ts";
import { blindRoutes } from "./blind/index.ts";
import { surveyPageRoutes, type SurveyPageOptions } from "./page/index.ts";
import { resultsRoutes } from "./results/index.ts";
import type { SurveyDeps } from "./survey-deps.ts";

/**
 * What members reach without signing in: the survey pages, public results and the blind-signing
 * routes; for the edge, where the admin side (which enqueues milestones with pg-boss) is not built.
 */
export function memberRoutes(pageOptions: SurveyPageOptions = {}) {
  const routes = newRoutes<SurveyDeps>();
  routes.route("/", surveyPageRoutes(pageOptions));
  routes.route("/", blindRoutes());
  routes.route("/", resultsRoutes());
  return routes;
}

/** Every survey route, to mount with `app.route("/", surveyRoutes())`. */
export function surveyRoutes() {
  const routes = newRoutes<SurveyDeps>();
  routes.route("/", surveyPageRoutes());
  routes.route("/", blindRoutes());
  routes.route("/", resultsRoutes());
  routes.route("/", adminRoutes());
  routes.route("/", adminPageRoutes());
  return routes;
}

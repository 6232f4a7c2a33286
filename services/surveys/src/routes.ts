import { newRoutes } from "@agora/http";
import { adminRoutes } from "./admin/index.ts";
import { adminPageRoutes } from "./admin-pages/index.ts";
import { blindRoutes } from "./blind/index.ts";
import { surveyPageRoutes } from "./page/index.ts";
import { resultsRoutes } from "./results/index.ts";
import type { SurveyDeps } from "./survey-deps.ts";

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

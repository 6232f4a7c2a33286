import { newRoutes } from "@agora/http";
import type { SurveyDeps } from "../survey-deps.ts";
import { adminStylesheetRoute } from "./admin-stylesheet.ts";
import { downloadRoutes } from "./download-routes.ts";
import { editorRoutes } from "./editor-routes.ts";
import { previewRoutes } from "./preview-routes.ts";
import { adminResultsRoutes } from "./results-routes.ts";
import { signInRoutes } from "./sign-in-routes.ts";
import { surveyPageRoutes } from "./survey-routes.ts";

/**
 * The survey admin in the browser, under /admin: server-rendered forms that work without
 * JavaScript, behind a session cookie scoped to /admin (see ADR 10). Every action calls the
 * verb the JSON API calls.
 */
export function adminPageRoutes() {
  const routes = newRoutes<SurveyDeps>();
  routes.route("/", adminStylesheetRoute());
  routes.route("/", signInRoutes());
  routes.route("/", surveyPageRoutes());
  routes.route("/", editorRoutes());
  routes.route("/", previewRoutes());
  routes.route("/", adminResultsRoutes());
  routes.route("/", downloadRoutes());
  return routes;
}

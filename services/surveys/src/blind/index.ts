import { newRoutes } from "@agora/http";
import type { SurveyDeps } from "../survey-deps.ts";
import { blindKeyRoute } from "./blind-key-route.ts";
import { blindScriptRoute } from "./blind-script-route.ts";
import { blindSignRoute } from "./blind-sign-route.ts";

/** Routes of blind-token signing for blind surveys, and the page's script that drives them. */
export function blindRoutes() {
  const routes = newRoutes<SurveyDeps>();
  routes.route("/", blindKeyRoute());
  routes.route("/", blindSignRoute());
  routes.route("/", blindScriptRoute());
  return routes;
}

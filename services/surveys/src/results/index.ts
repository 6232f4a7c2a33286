import { newRoutes } from "@agora/http";
import type { SurveyDeps } from "../survey-deps.ts";

/** Routes of results as JSON and HTML. */
export function resultsRoutes() {
  return newRoutes<SurveyDeps>();
}

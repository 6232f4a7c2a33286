import { newRoutes } from "@agora/http";
import type { SurveyDeps } from "../survey-deps.ts";

/** Routes of the member's page, GET/POST /s/:slug. */
export function surveyPageRoutes() {
  return newRoutes<SurveyDeps>();
}

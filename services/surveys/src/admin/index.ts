import { newRoutes } from "@agora/http";
import type { SurveyDeps } from "../survey-deps.ts";

/** Routes of the admin JSON API under /api/surveys. */
export function adminRoutes() {
  return newRoutes<SurveyDeps>();
}

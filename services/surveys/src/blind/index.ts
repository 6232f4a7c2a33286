import { newRoutes } from "@agora/http";
import type { SurveyDeps } from "../survey-deps.ts";

/** Routes of blind-token signing for blind surveys. */
export function blindRoutes() {
  return newRoutes<SurveyDeps>();
}

import { AppError, type AppEnv } from "@agora/http";
import type { Context } from "hono";
import { isSurveyAdmin } from "../admin/admin-auth.ts";
import type { SurveyDeps } from "../survey-deps.ts";
import { loadSurvey, type LoadedSurvey } from "../verbs/load-survey.ts";

export interface ResultsViewer {
  survey: LoadedSurvey;
  admin: boolean;
}

/**
 * The survey whose results may be shown to this request, or undefined for a 404. Results that
 * are not public are refused with the same 404 as a survey that does not exist, not a 403: a
 * 403 would tell anyone probing slugs which unlisted surveys exist.
 */
export async function resultsViewer(c: Context<AppEnv<SurveyDeps>>): Promise<ResultsViewer | undefined> {
  // Admins' results carry free texts; no cache may keep them, or hand them to someone else.
  c.header("Cache-Control", "no-store");
  c.header("Vary", "Authorization");
  const survey = await loadSurvey(c.var.deps.db, c.req.param("slug") ?? "");
  const admin = isSurveyAdmin(c);
  if (!survey || (!survey.definition.results.public && !admin)) return undefined;
  return { survey, admin };
}

export const noResults = (slug: string) => new AppError("not_found", `no survey results at "${slug}"`);

/** `?x=&y=`: both or neither. */
export function crossTabParams(c: Context): { x: string; y: string } | undefined {
  const x = c.req.query("x");
  const y = c.req.query("y");
  if (x === undefined && y === undefined) return undefined;
  if (!x) throw new AppError("bad_request", "x: a question id is needed for the cross-tab's rows (?x=<id>&y=<id>)");
  if (!y) throw new AppError("bad_request", "y: a question id is needed for the cross-tab's columns (?x=<id>&y=<id>)");
  return { x, y };
}

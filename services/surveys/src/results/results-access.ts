import { AppError, type AppEnv } from "@agora/http";
import { QUESTION_ID_MESSAGE, QUESTION_ID_PATTERN, SURVEY_SLUG_MESSAGE, SurveySlug } from "@agora/schemas";
import type { Context } from "hono";
import { isSurveyAdmin } from "../admin/admin-auth.ts";
import type { SurveyDeps } from "../survey-deps.ts";
import { loadSurvey, type LoadedSurvey } from "../verbs/load-survey.ts";
import { parseFilter, type ResultsFilter } from "./filter-results.ts";

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

/**
 * The JSON route's slug, refused with a 400 that names it when no survey can have it, as the
 * routes with validated parameters do; the page answers such a slug with its 404 instead.
 */
export function resultsSlug(c: Context): string {
  const slug = c.req.param("slug") ?? "";
  if (!SurveySlug.safeParse(slug).success)
    throw new AppError("validation_failed", `param.slug: ${SURVEY_SLUG_MESSAGE}`);
  return slug;
}

/**
 * `?x=&y=`: both or neither, each shaped like a question id. Checked before the results are
 * counted, so a malformed request is refused even when too few answers leave no cross-tab to make.
 */
export function crossTabParams(c: Context): { x: string; y: string } | undefined {
  const x = c.req.query("x");
  const y = c.req.query("y");
  if (x === undefined && y === undefined) return undefined;
  if (!x) throw new AppError("bad_request", "x: a question id is needed for the cross-tab's rows (?x=<id>&y=<id>)");
  if (!y) throw new AppError("bad_request", "y: a question id is needed for the cross-tab's columns (?x=<id>&y=<id>)");
  if (!QUESTION_ID_PATTERN.test(x)) throw new AppError("bad_request", `x: ${QUESTION_ID_MESSAGE}`);
  if (!QUESTION_ID_PATTERN.test(y)) throw new AppError("bad_request", `y: ${QUESTION_ID_MESSAGE}`);
  return { x, y };
}

/** `?filter=<question>:<answer>`, checked before the results are counted, as the cross-tab's are; empty is none. */
export function filterParam(c: Context): ResultsFilter | undefined {
  const parsed = parseFilter(c.req.query("filter"));
  if (!parsed.ok) throw new AppError("bad_request", parsed.message);
  return parsed.filter;
}

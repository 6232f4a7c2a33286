import { AppError, newRoutes } from "@agora/http";
import { chooseLanguage } from "../page/choose-language.ts";
import type { SurveyDeps } from "../survey-deps.ts";
import { computeResults } from "./compute-results.ts";
import { crossTab } from "./cross-tab.ts";
import { filterResults, pickedFilter } from "./filter-results.ts";
import { crossTabParams, filterParam, noResults, resultsSlug, resultsViewer } from "./results-access.ts";
import { notFoundPage, resultsPage } from "./results-page.ts";
import { pickedCrossTab } from "./picked-cross-tab.ts";
import { resultsApiDoc } from "./results-api-doc.ts";
import { resultsStylesheetRoute } from "./results-stylesheet.ts";

export { computeResults, type ComputeResultsInput } from "./compute-results.ts";
export { crossTab, type CrossTab } from "./cross-tab.ts";
export type { QuestionResults, SurveyResults } from "./results-types.ts";
export { suppressCounts, type CountTable, type SumLine } from "./suppress-counts.ts";

/** Routes of results as JSON (`/api/surveys/:slug/results`) and HTML (`/s/:slug/results`). */
export function resultsRoutes() {
  const routes = newRoutes<SurveyDeps>();
  routes.openAPIRegistry.registerPath(resultsApiDoc);
  routes.route("/", resultsStylesheetRoute());

  routes.get("/api/surveys/:slug/results", async (c) => {
    const slug = resultsSlug(c);
    const params = crossTabParams(c);
    const filter = filterParam(c);
    const viewer = await resultsViewer(c);
    if (!viewer) throw noResults(slug);
    const { survey, admin } = viewer;
    const { db } = c.var.deps;
    const results = await computeResults(db, {
      definition: survey.definition,
      lang: c.req.query("lang"),
      forAdmin: admin,
    });
    if (results.tooFew) return c.json(results);
    const filtered =
      filter && (await filterResults({ ctx: { db }, input: { definition: survey.definition, results, filter } }));
    if (filtered && !filtered.ok) throw new AppError("bad_request", filtered.message);
    const made =
      params &&
      (await crossTab({
        ctx: { db },
        input: { definition: survey.definition, ...params, lang: results.lang, results },
      }));
    if (made && !made.ok) throw new AppError("bad_request", made.message);
    return c.json({
      ...results,
      ...(made && { crossTab: made.crossTab }),
      ...(filtered && { filtered: filtered.filtered }),
    });
  });

  routes.get("/s/:slug/results", async (c) => {
    const viewer = await resultsViewer(c);
    if (!viewer) return c.html(notFoundPage(), 404);
    const { survey, admin } = viewer;
    const { db } = c.var.deps;
    // The page follows the browser's languages when no ?lang= is asked for; the JSON takes ?lang= only.
    const lang = chooseLanguage(survey.definition.languages, c.req.query("lang"), c.req.header("accept-language"));
    c.header("Vary", "Authorization, Accept-Language");
    const results = await computeResults(db, { definition: survey.definition, lang, forAdmin: admin });
    const picked = { x: c.req.query("x"), y: c.req.query("y") };
    const made = await pickedCrossTab(db, { definition: survey.definition, results, picked, lang });
    const filter = await pickedFilter(db, { definition: survey.definition, results, raw: c.req.query("filter") });
    const html = resultsPage({
      definition: survey.definition,
      results,
      picked,
      filter,
      ...(made?.ok && { crossTab: made.crossTab }),
      ...(made && !made.ok && { crossTabError: made.message }),
    });
    return c.html(html, (made && !made.ok) || filter?.error ? 400 : 200);
  });
  return routes;
}

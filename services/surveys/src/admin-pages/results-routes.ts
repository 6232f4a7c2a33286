import { newRoutes } from "@agora/http";
import { html } from "hono/html";
import { chooseLanguage, textDirection } from "../page/choose-language.ts";
import { computeResults } from "../results/compute-results.ts";
import { pickedFilter } from "../results/filter-results.ts";
import { pickedCrossTab } from "../results/picked-cross-tab.ts";
import { resultsBody } from "../results/results-page.ts";
import { resultsStrings } from "../results/results-strings.ts";
import type { SurveyDeps } from "../survey-deps.ts";
import { loadSurvey } from "../verbs/load-survey.ts";
import { adminFrame } from "./admin-frame.ts";
import { adminPage, sendAdminPage } from "./admin-guard.ts";
import { surveyPath } from "./survey-pages.ts";
import { noSurveyPage } from "./survey-routes.ts";

/**
 * `GET /admin/surveys/:slug/results`: the results page as admins get it from the API, with every
 * free text, whether or not the results are public. Counts are suppressed exactly as on the
 * public page: the admin sees texts, not small groups.
 */
export function adminResultsRoutes() {
  const routes = newRoutes<SurveyDeps>();
  routes.get(
    "/admin/surveys/:slug/results",
    adminPage(async (c, session) => {
      const slug = c.req.param("slug") ?? "";
      const survey = await loadSurvey(c.var.deps.db, slug);
      if (!survey) return noSurveyPage(c, session, slug);
      const { db } = c.var.deps;
      const lang = chooseLanguage(survey.definition.languages, c.req.query("lang"), c.req.header("accept-language"));
      const results = await computeResults(db, { definition: survey.definition, lang, forAdmin: true });
      const picked = { x: c.req.query("x"), y: c.req.query("y") };
      const made = await pickedCrossTab(db, { definition: survey.definition, results, picked, lang });
      const filter = await pickedFilter(db, { definition: survey.definition, results, raw: c.req.query("filter") });
      const path = surveyPath(slug);
      const body = html`<p lang="en" dir="ltr"><a href="${path}">← Back to the survey</a> · <a href="${path}/export?format=csv" download>Answers as CSV</a></p>
${resultsBody({
  definition: survey.definition,
  results,
  picked,
  filter,
  path: `${path}/results`,
  ...(made?.ok && { crossTab: made.crossTab }),
  ...(made && !made.ok && { crossTabError: made.message }),
})}`;
      const s = resultsStrings(results.lang);
      return sendAdminPage(
        c,
        adminFrame({
          title: s.title(results.title),
          body,
          session,
          lang: results.lang,
          dir: textDirection(results.lang),
        }),
        (made && !made.ok) || filter?.error ? 400 : 200,
      );
    }),
  );
  return routes;
}

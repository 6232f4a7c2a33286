import { newRoutes } from "@agora/http";
import { html } from "hono/html";
import { loadSurvey } from "../verbs/load-survey.ts";
import type { SurveyDeps } from "../survey-deps.ts";
import { text } from "./form-view.ts";
import { fallbackLanguage, sendSurveyPage, statusPage } from "./status-pages.ts";
import { openSurvey, surveyLanguage } from "./survey-gate.ts";
import { surveyFormPage, TOKEN_FIELD } from "./survey-form-page.ts";
import { surveyFrame } from "./survey-frame.ts";
import { uiStrings } from "./ui-strings.ts";

/** `GET /s/:slug`, the empty form (an invite code from the link filled in), and its thanks page. */
export function showSurveyRoutes() {
  const routes = newRoutes<SurveyDeps>();

  routes.get("/s/:slug", async (c) => {
    const gate = await openSurvey(c, c.req.param("slug"), c.req.query("lang"));
    if (!gate.open) return gate.response;
    const { survey, lang } = gate;
    const token = survey.definition.access.mode === "invite" ? c.req.query(TOKEN_FIELD) : undefined;
    const values = new Map<string, string[]>(token ? [[TOKEN_FIELD, [token]]] : []);
    return sendSurveyPage(
      c,
      surveyFormPage({ definition: survey.definition, lang, t: uiStrings(lang), values, errors: new Map() }),
    );
  });

  routes.get("/s/:slug/thanks", async (c) => {
    const survey = await loadSurvey(c.var.deps.db, c.req.param("slug"));
    if (!survey)
      return statusPage(c, {
        lang: fallbackLanguage(c),
        status: 404,
        title: (t) => t.notFoundTitle,
        message: (t) => t.notFound,
      });
    // A draft is not public yet, not even its title on a thanks page.
    if (survey.stored.state === "draft") {
      const gate = await openSurvey(c, survey.definition.slug, c.req.query("lang"));
      if (!gate.open) return gate.response;
    }
    const lang = surveyLanguage(c, survey, c.req.query("lang"));
    const t = uiStrings(lang);
    const { definition } = survey;
    const view = { definition, lang, t, values: new Map(), errors: new Map() };
    const title = text(view, definition.title);
    // Thanks once: the survey's own words, or ours when it has none; the heading is the survey's
    // title as on its form, the document's title says the state.
    const results = definition.results.public
      ? `/s/${definition.slug}/results?${new URLSearchParams({ lang })}`
      : undefined;
    const body = html`<h1>${title}</h1>
<p class="thanks">${definition.thanks ? text(view, definition.thanks) : t.thanksDefault}</p>
${results ? html`<p><a href="${results}">${t.seeResults}</a></p>` : ""}`;
    return sendSurveyPage(c, surveyFrame({ title: `${t.answerStoredTitle}: ${title}`, lang, body }));
  });

  return routes;
}

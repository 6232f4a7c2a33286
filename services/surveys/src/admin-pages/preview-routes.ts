import { newRoutes, type Html } from "@agora/http";
import { html } from "hono/html";
import { parseAnswers, type AnswerError } from "../answers/index.ts";
import { askedLanguage, formPages, movePage, pageOfErrors, sentPage } from "../page/form-pages.ts";
import { text, type FormView } from "../page/form-view.ts";
import { chooseLanguage, languageName, textDirection } from "../page/choose-language.ts";
import { surveyFormBody } from "../page/survey-form-page.ts";
import { uiStrings } from "../page/ui-strings.ts";
import type { SurveyDeps } from "../survey-deps.ts";
import { loadSurvey, type LoadedSurvey } from "../verbs/load-survey.ts";
import { adminFrame, csrfField } from "./admin-frame.ts";
import { adminForm, adminFormChecks, adminPage, sendAdminPage } from "./admin-guard.ts";
import type { AdminPageContext, AdminSession } from "./admin-session.ts";
import { noSurveyPage } from "./survey-routes.ts";
import { surveyPath } from "./survey-pages.ts";

type Outcome = "first" | "refused" | "accepted";

/**
 * The banner above a preview. It sits outside the survey's own markup, so what follows it is
 * byte for byte the member's page body; it is in English like the rest of the admin pages.
 */
function banner(survey: LoadedSurvey, outcome: Outcome, lang: string): Html {
  const path = surveyPath(survey.definition.slug);
  const others = survey.definition.languages.filter((l) => l !== lang);
  return html`<section class="preview-banner" aria-labelledby="preview-title" lang="en" dir="ltr">
<h2 id="preview-title">Preview: nothing you send here is stored</h2>
<p>This is the ${survey.stored.state === "draft" ? "draft" : survey.stored.state} survey as members will see it, in ${languageName(lang)}${others.length ? ` (also in ${others.map(languageName).join(", ")}: use its language links)` : ""}. Sending checks the answers the way the members' page does${survey.definition.access.mode === "open" ? "" : "; the invite code or token is not checked"}.</p>
${outcome === "accepted" ? html`<p role="status"><strong>These answers would be accepted.</strong> Nothing was stored and no count changed.</p>` : ""}
<p><a href="${path}">← Back to the survey</a></p>
</section>`;
}

function previewPage(
  c: AdminPageContext,
  session: AdminSession,
  survey: LoadedSurvey,
  view: FormView,
  outcome: Outcome,
) {
  const body = html`${banner(survey, outcome, view.lang)}
${surveyFormBody(view, { path: `${surveyPath(survey.definition.slug)}/preview`, hidden: csrfField(session) })}`;
  const name = text(view, view.definition.title);
  // The show-if script works as on the members' page; the blind-token client is left out, since
  // a preview must not spend a credential or ask for a signature.
  return sendAdminPage(
    c,
    adminFrame({
      title: `Preview${outcome === "refused" ? " with errors" : ""}: ${name}`,
      body,
      session,
      lang: view.lang,
      dir: textDirection(view.lang),
      scripts: ["/assets/survey-form.js"],
    }),
    outcome === "refused" ? 400 : 200,
  );
}

/** `GET/POST /admin/surveys/:slug/preview`: the members' form of any survey, drafts too, storing nothing. */
export function previewRoutes() {
  const routes = newRoutes<SurveyDeps>();
  const path = "/admin/surveys/:slug/preview";

  routes.get(
    path,
    adminPage(async (c, session) => {
      const slug = c.req.param("slug") ?? "";
      const survey = await loadSurvey(c.var.deps.db, slug);
      if (!survey) return noSurveyPage(c, session, slug);
      const lang = chooseLanguage(survey.definition.languages, c.req.query("lang"), c.req.header("accept-language"));
      return previewPage(
        c,
        session,
        survey,
        { definition: survey.definition, lang, t: uiStrings(lang), values: new Map(), errors: new Map() },
        "first",
      );
    }),
  );

  routes.post(
    path,
    adminFormChecks(),
    adminForm(async (c, session, form) => {
      const slug = c.req.param("slug") ?? "";
      const survey = await loadSurvey(c.var.deps.db, slug);
      if (!survey) return noSurveyPage(c, session, slug);
      const lang = chooseLanguage(survey.definition.languages, askedLanguage(form), c.req.header("accept-language"));
      const t = uiStrings(lang);
      const worded = (list: AnswerError[]) =>
        new Map(list.toReversed().map((e) => [e.field, t.answerErrors[e.code](e.limit)]));
      // Pages move as on the members' page; the send is the members' check, and nothing after it:
      // no ticket is spent and no answer is stored.
      const move = movePage(survey.definition, form);
      if ("show" in move) {
        const view = {
          definition: survey.definition,
          lang,
          t,
          values: form,
          errors: worded(move.errors),
          page: move.show,
        };
        return previewPage(c, session, survey, view, move.errors.length ? "refused" : "first");
      }
      const parsed = parseAnswers(survey.definition, form);
      const shown = parsed.ok
        ? { show: sentPage(formPages(survey.definition), form), errors: [] }
        : pageOfErrors(survey.definition, form, parsed.errors);
      const view = {
        definition: survey.definition,
        lang,
        t,
        values: form,
        errors: worded(shown.errors),
        page: shown.show,
      };
      return previewPage(c, session, survey, view, parsed.ok ? "accepted" : "refused");
    }),
  );
  return routes;
}

import { availability, loadSurvey, type LoadedSurvey } from "../verbs/load-survey.ts";
import { chooseLanguage } from "./choose-language.ts";
import { fallbackLanguage, formatWhen, statusPage, type SurveyPageContext } from "./status-pages.ts";

export type Gate =
  { open: true; survey: LoadedSurvey; lang: string } | { open: false; response: Response | Promise<Response> };

/** The survey's language for this request: `asked` (query or form) if offered, else Accept-Language. */
export function surveyLanguage(c: SurveyPageContext, survey: LoadedSurvey, asked: string | undefined): string {
  return chooseLanguage(survey.definition.languages, asked, c.req.header("accept-language"));
}

/**
 * The survey when it takes answers now; otherwise the page that says why: 404 when there is no
 * such survey, 403 while it is a draft or not yet open (with when it opens), 410 once closed.
 */
export async function openSurvey(c: SurveyPageContext, slug: string, asked: string | undefined): Promise<Gate> {
  const survey = await loadSurvey(c.var.deps.db, slug);
  if (!survey) {
    return {
      open: false,
      response: statusPage(c, {
        lang: fallbackLanguage(c),
        status: 404,
        title: (t) => t.notFoundTitle,
        message: (t) => t.notFound,
      }),
    };
  }
  const lang = surveyLanguage(c, survey, asked);
  const state = availability(survey, c.var.deps.surveys.now());
  if (state === "open") return { open: true, survey, lang };
  if (state === "closed") {
    // A survey closed by an admin before its closing time says only that it is closed.
    const closesAt = survey.definition.closes_at;
    const when =
      closesAt && Date.parse(closesAt) <= c.var.deps.surveys.now().getTime() ? formatWhen(closesAt, lang) : undefined;
    return {
      open: false,
      response: statusPage(c, { lang, status: 410, title: (t) => t.closedTitle, message: (t) => t.closed(when) }),
    };
  }
  const when = state === "not-yet" ? formatWhen(survey.definition.opens_at, lang) : undefined;
  return {
    open: false,
    response: statusPage(c, {
      lang,
      status: 403,
      title: (t) => t.notOpenTitle,
      message: (t) => (state === "draft" ? t.draft : t.notYet(when)),
    }),
  };
}

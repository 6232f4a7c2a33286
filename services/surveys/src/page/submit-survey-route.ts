import { newRoutes } from "@agora/http";
import { closing } from "@agora/http";
import { bodyLimit } from "hono/body-limit";
import { parseAnswers, type AnswerError, type FormFields } from "../answers/index.ts";
import type { RateLimiter } from "../rate-limit/index.ts";
import type { SurveyDeps } from "../survey-deps.ts";
import { submitAnswer, type SubmittedTicket } from "../verbs/submit-answer.ts";
import type { LoadedSurvey } from "../verbs/load-survey.ts";
import { verifyBlindToken } from "../blind/verify-blind-token.ts";
import { isCrossSitePost, ownOrigins } from "./cross-site-check.ts";
import { askedLanguage, formPages, movePage, pageOfErrors, sentPage } from "./form-pages.ts";
import { FORM_BODY_LIMIT, formFields, isUrlEncodedForm } from "./read-form.ts";
import { fallbackLanguage, formatTime, sendSurveyPage, statusPage, type SurveyPageContext } from "./status-pages.ts";
import { openSurvey } from "./survey-gate.ts";
import { surveyFormPage, TOKEN_FIELD } from "./survey-form-page.ts";
import { uiStrings, type TokenErrorCode } from "./ui-strings.ts";

export interface SubmitRouteOptions {
  limiter: RateLimiter;
  /** The client's address for the rate limit, or undefined to not limit (no address known). */
  clientAddress: (c: SurveyPageContext) => string | undefined;
}

type TokenError = { code: TokenErrorCode };

/**
 * `POST /s/:slug`: the member's answers. Refused before anything is read when posted from another
 * site, not a form, or too large; stored through `submitAnswer`, then Post/Redirect/Get to the
 * thanks page so a reload does not send twice; otherwise the form again with every problem named.
 * On a survey with sections, Next, Back and a language button answer with another page (or the
 * same) and store nothing; only the send counts against the rate limit and checks the token.
 */
export function submitSurveyRoutes(options: SubmitRouteOptions) {
  const routes = newRoutes<SurveyDeps>();
  const refuse = (c: SurveyPageContext, status: 403 | 413 | 415, kind: "crossSite" | "tooLarge" | "unsupported") =>
    statusPage(c, {
      lang: fallbackLanguage(c),
      status,
      title: (t) => t[`${kind}Title`],
      message: (t) => t[kind],
      backTo: `/s/${c.req.param("slug")}`,
    });

  routes.post(
    "/s/:slug",
    async (c, next) => {
      const origins = ownOrigins(c.req.url, c.var.deps.surveys.publicUrl);
      if (isCrossSitePost({ origin: c.req.header("origin"), secFetchSite: c.req.header("sec-fetch-site") }, origins))
        return refuse(c, 403, "crossSite");
      if (!isUrlEncodedForm(c.req.header("content-type"))) return refuse(c, 415, "unsupported");
      await next();
    },
    bodyLimit({ maxSize: FORM_BODY_LIMIT, onError: (c) => refuse(closing(c) as SurveyPageContext, 413, "tooLarge") }),
    async (c) => {
      const form = formFields(await c.req.text());
      const slug = c.req.param("slug");
      const gate = await openSurvey(c, slug, askedLanguage(form) ?? c.req.query("lang"));
      if (!gate.open) return gate.response;
      const { survey, lang } = gate;
      const move = movePage(survey.definition, form);
      if ("show" in move) return formPage(c, survey, lang, form, move.show, undefined, move.errors);
      // Every send counts, refused ones too: a flood of wrong forms costs the database as much.
      if (survey.definition.access.mode === "open") {
        const address = options.clientAddress(c);
        if (address !== undefined && !options.limiter.hit(address))
          return formRateLimited(c, survey, lang, form, options.limiter.retryAfter(address));
      }
      const ticket = ticketFor(survey, form.get(TOKEN_FIELD) ?? []);
      if ("code" in ticket) {
        const parsed = parseAnswers(survey.definition, form);
        return formWithErrors(c, survey, lang, form, ticket, parsed.ok ? [] : parsed.errors);
      }
      const { deps } = c.var;
      const result = await submitAnswer({
        ctx: { db: deps.db, now: deps.surveys.now },
        input: { slug, form, ticket, loaded: survey },
      });
      if (result.ok) {
        c.header("Cache-Control", "no-store");
        return c.redirect(`/s/${slug}/thanks?${new URLSearchParams({ lang })}`, 303);
      }
      if (result.reason === "invalid") return formWithErrors(c, survey, lang, form, undefined, result.errors);
      if (result.reason === "ticket-needed" || result.reason === "ticket-spent") {
        const code =
          result.reason === "ticket-needed"
            ? "token_missing"
            : ticket.kind === "blind"
              ? "blind_spent"
              : "invite_spent";
        return formWithErrors(c, survey, lang, form, { code }, []);
      }
      // Closed or removed between the check above and the store: say so as a fresh visit would.
      const again = await openSurvey(c, slug, lang);
      return again.open ? formWithErrors(c, survey, lang, form, undefined, []) : again.response;
    },
  );
  return routes;
}

/** What entitles this answer; a blind token's signature is checked here, where the key is at hand. */
function ticketFor(survey: LoadedSurvey, sent: readonly string[]): SubmittedTicket | TokenError {
  const mode = survey.definition.access.mode;
  if (mode === "open") return { kind: "none" };
  if (sent.length > 1) return { code: "token_repeated" };
  const token = sent[0]?.trim();
  if (!token) return { code: "token_missing" };
  if (mode === "invite") return { kind: "invite", token };
  const key = survey.stored.blindPublicKey;
  return key && verifyBlindToken(key, token) ? { kind: "blind", token } : { code: "blind_invalid" };
}

/**
 * 429 with the member's answers kept, as a refused form keeps them: `Retry-After` for programs,
 * and for the member in words how long to wait and until when, rounded up to the minute.
 */
function formRateLimited(
  c: SurveyPageContext,
  survey: LoadedSurvey,
  lang: string,
  form: FormFields,
  wait: { ms: number; at: number },
) {
  const t = uiStrings(lang);
  c.header("Retry-After", String(Math.max(1, Math.ceil(wait.ms / 1000))));
  const minutes = Math.max(1, Math.ceil(wait.ms / 60_000));
  const time = formatTime(Math.ceil(wait.at / 60_000) * 60_000, lang);
  const notice = { title: t.rateLimitedTitle, message: t.rateLimited(minutes, time) };
  // The page it was sent from (the last of a survey with sections), its answers and the others' kept.
  const page = sentPage(formPages(survey.definition), form);
  return sendSurveyPage(
    c,
    surveyFormPage({ definition: survey.definition, lang, t, values: form, errors: new Map(), notice, page }),
    429,
  );
}

/** A refused send: the first page with a problem (the whole form when it has no sections), every problem of it named. */
function formWithErrors(
  c: SurveyPageContext,
  survey: LoadedSurvey,
  lang: string,
  form: FormFields,
  tokenError: TokenError | undefined,
  answerErrors: AnswerError[],
) {
  const { show, errors } = pageOfErrors(survey.definition, form, answerErrors);
  return formPage(c, survey, lang, form, show, tokenError, errors);
}

function formPage(
  c: SurveyPageContext,
  survey: LoadedSurvey,
  lang: string,
  form: FormFields,
  page: number,
  tokenError: TokenError | undefined,
  answerErrors: AnswerError[],
) {
  const t = uiStrings(lang);
  const errors = new Map<string, string>();
  if (tokenError) errors.set(TOKEN_FIELD, t.tokenErrors[tokenError.code]);
  for (const e of answerErrors) if (!errors.has(e.field)) errors.set(e.field, t.answerErrors[e.code](e.limit));
  return sendSurveyPage(
    c,
    surveyFormPage({ definition: survey.definition, lang, t, values: form, errors, page }),
    errors.size ? 400 : 200,
  );
}

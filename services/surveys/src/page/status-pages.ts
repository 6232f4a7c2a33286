import type { AppEnv, Html } from "@agora/http";
import type { Context } from "hono";
import { html } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { SurveyDeps } from "../survey-deps.ts";
import { chooseLanguage } from "./choose-language.ts";
import { surveyFrame } from "./survey-frame.ts";
import { uiStrings, type UiStrings } from "./ui-strings.ts";

export type SurveyPageContext = Context<AppEnv<SurveyDeps>>;

/**
 * Sends a survey page. Nothing of a member's visit may be remembered anywhere: not by a cache
 * between them and us, nor in the next site's Referer; and no cookie is ever set on these routes.
 */
export function sendSurveyPage(
  c: SurveyPageContext,
  body: Html,
  status: ContentfulStatusCode = 200,
): Promise<Response> | Response {
  c.header("Cache-Control", "no-store");
  c.header("Referrer-Policy", "no-referrer");
  return c.html(body, status);
}

/** The page's own language before a survey is known: `?lang=`, else Accept-Language among the catalogue's. */
export function fallbackLanguage(c: SurveyPageContext): string {
  return chooseLanguage(["en", "de"], c.req.query("lang"), c.req.header("accept-language"));
}

/** A short page that says why there is no form: not found, closed, refused. */
export function statusPage(
  c: SurveyPageContext,
  options: {
    lang: string;
    status: ContentfulStatusCode;
    title: (t: UiStrings) => string;
    message: (t: UiStrings) => string;
    backTo?: string;
  },
): Promise<Response> | Response {
  const t = uiStrings(options.lang);
  const body = html`<h1>${options.title(t)}</h1>
<p>${options.message(t)}</p>
${options.backTo ? html`<p><a href="${options.backTo}">${t.backToSurvey}</a></p>` : ""}`;
  return sendSurveyPage(c, surveyFrame({ title: options.title(t), lang: options.lang, body }), options.status);
}

/** A date and time as the member reads it, in UTC since the survey states its times in UTC. */
export function formatWhen(iso: string | undefined, lang: string): string | undefined {
  if (!iso) return undefined;
  try {
    return `${new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso))} UTC`;
  } catch {
    return `${iso.slice(0, 16).replace("T", " ")} UTC`;
  }
}

/** A time of day as the member reads it, in UTC like every time the survey states. */
export function formatTime(epochMs: number, lang: string): string {
  try {
    return `${new Intl.DateTimeFormat(lang, { timeStyle: "short", timeZone: "UTC" }).format(new Date(epochMs))} UTC`;
  } catch {
    return `${new Date(epochMs).toISOString().slice(11, 16)} UTC`;
  }
}

import type { Html } from "@agora/http";
import { html } from "hono/html";
import { languageName } from "./choose-language.ts";
import { fieldId, sentValue, text, type FormView } from "./form-view.ts";
import { fieldError } from "./question-frame.ts";
import { questionNumbers } from "./question-numbers.ts";
import { renderQuestion } from "./render-question.ts";
import { summaryLabel } from "./summary-label.ts";
import { surveyFrame } from "./survey-frame.ts";

/** The name of the field that carries an invite code or a blind token. */
export const TOKEN_FIELD = "token";

/**
 * Where the form posts and its language links lead: the member's page by default; the admin's
 * preview posts to itself with its own hidden fields.
 */
export interface FormTarget {
  path: string;
  hidden?: Html;
}

/** The whole survey as a form; on a refused send, with the error summary and the answers kept. */
export function surveyFormPage(view: FormView): Html {
  const title = text(view, view.definition.title);
  // `novalidate`: the server's error summary names every problem in the member's language at
  // once, where the browser's bubbles would stop at the first and speak the browser's language.
  const problem = view.notice?.title ?? (view.errors.size ? view.t.errorSummaryTitle : undefined);
  return surveyFrame({ title: problem ? `${problem}: ${title}` : title, lang: view.lang, body: surveyFormBody(view), scripts: surveyFormScripts(view) });
}

/** The scripts the form page loads: the show-if script, and the blind-token client for a blind survey. */
export function surveyFormScripts(view: FormView): string[] {
  return ["/assets/survey-form.js", ...(view.definition.access.mode === "blind" ? ["/assets/survey-blind.js"] : [])];
}

/** What the form page shows inside its frame, exactly as members see it. */
export function surveyFormBody(view: FormView, target: FormTarget = { path: `/s/${view.definition.slug}` }): Html {
  const d = view.definition;
  return html`${languageLinks(view, target.path)}
<h1>${text(view, d.title)}</h1>
${d.intro ? html`<p class="intro">${text(view, d.intro)}</p>` : ""}
${errorSummary(view)}
<form method="post" action="${target.path}" class="survey-form" novalidate data-questions="${JSON.stringify(d.questions.map((q) => ({ id: q.id, type: q.type, show_if: q.show_if })))}">
<input type="hidden" name="lang" value="${view.lang}">
${target.hidden ?? ""}
${accessSection(view)}
${d.questions.map((q) => renderQuestion(view, q, questionNumbers(d).get(q.id)))}
<div class="form-actions"><button type="submit">${view.t.submit}</button></div>
</form>`;
}

/**
 * Plain links to the same survey in its other languages, beside the one shown (marked current, so
 * the row reads as a choice); an invite code in the link is kept.
 */
function languageLinks(view: FormView, path: string): Html | string {
  if (view.definition.languages.length < 2) return "";
  const token = view.definition.access.mode === "invite" ? sentValue(view, TOKEN_FIELD) : "";
  const link = (lang: string) => `${path}?${new URLSearchParams({ lang, ...(token && { token }) })}`;
  return html`<nav class="languages" aria-label="${view.t.languageNav}"><ul>${view.definition.languages.map((lang) =>
    lang === view.lang
      ? html`<li><span aria-current="true" lang="${lang}">${languageName(lang)}</span></li>`
      : html`<li><a href="${link(lang)}" hreflang="${lang}" lang="${lang}">${languageName(lang)}</a></li>`,
  )}</ul></nav>`;
}

/** The problems of a refused send, or the notice of why it was refused, where the form's script moves focus. */
function errorSummary(view: FormView): Html | string {
  if (!view.errors.size && !view.notice) return "";
  const notice = view.notice ? html`<p>${view.notice.message}</p>\n` : "";
  const list = view.errors.size ? html`<ul>${[...view.errors].map(([field, message]) => html`<li><a href="#${fieldId(field)}">${summaryLabel(view, field)} — ${message}</a></li>`)}</ul>\n` : "";
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title" tabindex="-1">${view.notice?.title ?? view.t.errorSummaryTitle}</h2>
${notice}${list}</div>`;
}

/** The invite code or the blind token, before the questions, named `token` in both modes. */
function accessSection(view: FormView): Html | string {
  const mode = view.definition.access.mode;
  if (mode === "open") return "";
  const invalid = view.errors.has(TOKEN_FIELD);
  const describedBy = `token-help${invalid ? ` error-${TOKEN_FIELD}` : ""}`;
  const input = html`<input type="text" id="${TOKEN_FIELD}" name="${TOKEN_FIELD}" value="${sentValue(view, TOKEN_FIELD)}" autocomplete="off" spellcheck="false" required aria-describedby="${describedBy}"${
    invalid ? html` aria-invalid="true"` : ""
  }>`;
  if (mode === "invite") {
    return html`<div class="question access-token">
<label class="question-label" for="${TOKEN_FIELD}">${view.t.inviteLabel} <span class="required-marker">${view.t.required}</span></label>
<p class="help" id="token-help">${view.t.inviteHelp}</p>
${fieldError(view, TOKEN_FIELD)}${input}
</div>`;
  }
  return html`<section id="blind-token-section" class="question access-token" data-blind-survey="${view.definition.slug}" aria-labelledby="blind-token-title">
<h2 id="blind-token-title">${view.t.blindTitle}</h2>
<p class="help" id="token-help">${view.t.blindHelp}</p>
<label class="question-label" for="${TOKEN_FIELD}">${view.t.blindLabel} <span class="required-marker">${view.t.required}</span></label>
${fieldError(view, TOKEN_FIELD)}${input}
</section>`;
}

import type { Html } from "@agora/http";
import type { AnswerValue, SurveySection } from "@agora/schemas";
import { html } from "hono/html";
import { readAnswers } from "../answers/index.ts";
import { languageName } from "./choose-language.ts";
import { fieldId, sentValue, text, type FormView } from "./form-view.ts";
import { formPages, knownShown, languageNav, nextPage, NAV_FIELD, PAGE_FIELD, type FormPage } from "./form-pages.ts";
import { hasShuffledOptions, ORDER_FIELD, orderSeed } from "./option-order.ts";
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

/** The whole survey as a form, or its page `view.page`; on a refused send, with the error summary and the answers kept. */
export function surveyFormPage(view: FormView): Html {
  const title = formTitle(view);
  // `novalidate`: the server's error summary names every problem in the member's language at
  // once, where the browser's bubbles would stop at the first and speak the browser's language.
  const problem = view.notice?.title ?? (view.errors.size ? view.t.errorSummaryTitle : undefined);
  return surveyFrame({
    title: problem ? `${problem}: ${title}` : title,
    lang: view.lang,
    body: surveyFormBody(view),
    scripts: surveyFormScripts(view),
  });
}

/** The survey's title, and on a paged survey which page: a screen reader announces it as each page loads. */
export function formTitle(view: FormView): string {
  const title = text(view, view.definition.title);
  const pages = formPages(view.definition);
  return pages.length > 1 ? `${title} (${view.t.pageOf(shownPage(view, pages).index + 1, pages.length)})` : title;
}

function shownPage(view: FormView, pages: readonly FormPage[]): FormPage {
  return (
    pages[Math.min(Math.max(view.page ?? 0, 0), pages.length - 1)] ?? { index: 0, questions: view.definition.questions }
  );
}

/** The scripts the form page loads: the show-if script, and the blind-token client for a blind survey. */
export function surveyFormScripts(view: FormView): string[] {
  return ["/assets/survey-form.js", ...(view.definition.access.mode === "blind" ? ["/assets/survey-blind.js"] : [])];
}

/**
 * What the form page shows inside its frame, exactly as members see it. A survey with sections
 * shows one section at a time: the answers of the other pages ride along as hidden fields, a
 * question whose condition earlier pages settle is shown or left out outright, and the page
 * number travels in the form too, since nothing about a member is kept between requests.
 */
export function surveyFormBody(sent: FormView, target: FormTarget = { path: `/s/${sent.definition.slug}` }): Html {
  const d = sent.definition;
  const view = hasShuffledOptions(d) ? { ...sent, order: sent.order ?? orderSeed(sent.values) } : sent;
  const pages = formPages(d);
  const page = shownPage(view, pages);
  const paged = pages.length > 1;
  const answers = paged ? readAnswers(d, view.values).answers : new Map<string, AnswerValue>();
  const known = paged ? knownShown(pages, page.index, answers) : undefined;
  const shown = page.questions.map((q) => ({ q, known: known?.get(q.id) })).filter((x) => x.known !== false);
  const rendered = new Set(shown.map((x) => x.q.id));
  const last = !paged || nextPage(pages, page.index, answers) === undefined;
  const showAccess = page.index === 0 || view.errors.has(TOKEN_FIELD);
  return html`${page.index === 0 ? languageLinks(view, target.path) : ""}
<h1>${text(view, d.title)}</h1>
${d.intro && page.index === 0 ? html`<p class="intro">${text(view, d.intro)}</p>` : ""}
${paged ? progress(view, page.index, pages.length) : ""}
${page.section ? sectionHeading(view, page.section) : ""}
${errorSummary(view)}
<form method="post" action="${target.path}" class="survey-form" novalidate data-questions="${JSON.stringify(d.questions.map((q) => ({ id: q.id, type: q.type, show_if: q.show_if })))}">
<input type="hidden" name="lang" value="${view.lang}">
${target.hidden ?? ""}
${paged ? html`<input type="hidden" name="${PAGE_FIELD}" value="${page.index + 1}">` : ""}
${view.order ? html`<input type="hidden" name="${ORDER_FIELD}" value="${view.order}">` : ""}
${showAccess ? accessSection(view) : carried(view, (name) => name === TOKEN_FIELD)}
${paged ? carried(view, (name) => name.startsWith("q.") && !rendered.has(name.split(".")[1] ?? "")) : ""}
${shown.map(({ q, known }) => renderQuestion(view, q, questionNumbers(d).get(q.id), known === true))}
${formActions(view, paged, page.index, last)}
${paged && page.index > 0 ? languageButtons(view) : ""}
</form>`;
}

/** "Page 2 of 4" in words, and as a progress bar named by those words. */
function progress(view: FormView, index: number, total: number): Html {
  return html`<div class="form-progress"><p id="form-progress-label">${view.t.pageOf(index + 1, total)}</p>
<progress max="${total}" value="${index + 1}" aria-labelledby="form-progress-label"></progress></div>`;
}

function sectionHeading(view: FormView, section: SurveySection): Html {
  return html`<h2 class="section-title">${text(view, section.title)}</h2>
${section.intro ? html`<p class="section-intro">${text(view, section.intro)}</p>` : ""}`;
}

/** The sent values of the fields that `carries` picks, as hidden fields: answers of other pages, or the token. */
function carried(view: FormView, carries: (name: string) => boolean): Html[] {
  return [...view.values]
    .filter(([name]) => carries(name))
    .flatMap(([name, values]) => values.map((value) => html`<input type="hidden" name="${name}" value="${value}">\n`));
}

/**
 * Send, or Next on a page that has a page after it; Back after the first. Next comes first in
 * the markup, so pressing Enter in a field goes forward, never back.
 */
function formActions(view: FormView, paged: boolean, index: number, last: boolean): Html {
  if (!paged) return html`<div class="form-actions"><button type="submit">${view.t.submit}</button></div>`;
  const forward = last
    ? html`<button type="submit" name="${NAV_FIELD}" value="send">${view.t.submit}</button>`
    : html`<button type="submit" name="${NAV_FIELD}" value="next">${view.t.next}</button>`;
  return html`<div class="form-actions">${forward}${index > 0 ? html`<button type="submit" name="${NAV_FIELD}" value="back" class="secondary">${view.t.back}</button>` : ""}</div>`;
}

/**
 * After the first page a language link would lose the answers so far, so the languages are
 * buttons of the form there, after Next (Enter must not switch languages), keeping every answer.
 */
function languageButtons(view: FormView): Html | string {
  if (view.definition.languages.length < 2) return "";
  return html`<nav class="languages languages-in-form" aria-label="${view.t.languageNav}"><ul>${view.definition.languages.map(
    (lang) =>
      lang === view.lang
        ? html`<li><span aria-current="true" lang="${lang}">${languageName(lang)}</span></li>`
        : html`<li><button type="submit" name="${NAV_FIELD}" value="${languageNav(lang)}" lang="${lang}" class="secondary">${languageName(lang)}</button></li>`,
  )}</ul></nav>`;
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
  const list = view.errors.size
    ? html`<ul>${[...view.errors].map(([field, message]) => html`<li><a href="#${fieldId(field)}">${summaryLabel(view, field)} — ${message}</a></li>`)}</ul>\n`
    : "";
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

import type { Html } from "@agora/http";
import { html } from "hono/html";
import type { DefinitionProblem } from "../admin/definition-body.ts";
import { adminFrame, csrfField, errorSummary } from "./admin-frame.ts";
import { ADMIN_PATH, type AdminSession } from "./admin-session.ts";
import { builderPath } from "./builder-page.ts";
import { surveyPath } from "./survey-pages.ts";

/** What a new survey starts from: the smallest definition that passes, to be changed. */
export const STARTER_DEFINITION = `slug: my-survey-2026
title: My survey 2026
intro: Five minutes, anonymous.
access: { mode: open }
results: { public: false, min_group_size: 5 }
questions:
  - id: happy
    type: rating
    required: true
    title: How happy are you with the distribution?
    min: 1
    max: 5
    labels: { min: Not at all, max: Very }
  - id: wish
    type: long_text
    title: One wish?
`;

/** Why a survey that follows its file cannot be saved on the admin pages, or nothing. */
export const followsFile = (source: string) =>
  source.startsWith("file:")
    ? `This survey follows its file (${source.slice(5)}): change the file, and the next start applies it. Saving here is refused.`
    : undefined;

export interface EditorInput {
  session: AdminSession;
  /** Absent for a new survey. */
  slug?: string;
  text: string;
  problems: readonly DefinitionProblem[];
  /** Why the survey cannot be changed here at all (it follows a file), shown above the form. */
  note?: string;
}

const FIELD = "definition";
// The newline after <textarea> is one HTML drops, so a text that starts with a blank line keeps it.

/**
 * The definition as YAML (or JSON) in one text box, checked as the API checks it. On a refused
 * save every problem is listed above the box and again under the line it is about, in a numbered
 * copy of the text, so each is seen where it is without JavaScript.
 */
export function editorPage(input: EditorInput): Html {
  const action = input.slug ? `${surveyPath(input.slug)}/edit` : `${ADMIN_PATH}/new-survey`;
  const title = input.slug ? `Edit ${input.slug}` : "New survey";
  const body = html`<p><a href="${input.slug ? surveyPath(input.slug) : ADMIN_PATH}">← ${input.slug ? "Back to the survey" : "All surveys"}</a></p>
<h1>${title}</h1>
${input.note ? html`<p class="notice">${input.note}</p>` : ""}
${errorSummary(input.problems.map((p) => ({ field: p.line ? `line-${p.line}` : FIELD, message: p.text })))}
<p>The definition in YAML or JSON, as the files under <code>config/surveys</code> are written (the surveys README lists every key). <strong>Switch to the form builder</strong> shows the same definition as fields, unsaved changes included. ${input.slug ? "Texts, questions and options may be added at any time; removing or retyping one is refused once there are answers." : "A new survey is a draft until you open it."}</p>
<form method="post" action="${action}" novalidate>
${csrfField(input.session)}
<div class="field">
<label for="${FIELD}">Definition</label>
<textarea id="${FIELD}" name="${FIELD}" class="definition" rows="24" spellcheck="false" autocapitalize="off"${input.problems.length ? html` aria-invalid="true" aria-describedby="problems-in-place"` : ""}>
${input.text}</textarea>
</div>
<div class="actions">
<button type="submit">${input.slug ? "Save" : "Create the draft"}</button>
<button type="submit" formaction="${builderPath(input.slug)}" class="secondary">Switch to the form builder</button>
</div>
</form>
${input.problems.length ? inPlace(input.text, input.problems) : ""}`;
  return adminFrame({ title: input.problems.length ? `Error: ${title}` : title, body, session: input.session });
}

/** The text with line numbers, each problem under its line (problems without one come first). */
function inPlace(text: string, problems: readonly DefinitionProblem[]): Html {
  const lines = text.split(/\r?\n/);
  const at = new Map<number, string[]>();
  for (const p of problems) if (p.line) at.set(p.line, [...(at.get(p.line) ?? []), p.text]);
  // Only the lines near a problem, so a long survey's one mistake is not lost in it.
  const near = (n: number) => [...at.keys()].some((line) => Math.abs(line - n) <= 2);
  const shown = lines.map((line, i) => ({ n: i + 1, line })).filter(({ n }) => near(n));
  return html`<section id="problems-in-place" aria-labelledby="in-place-title">
<h2 id="in-place-title">Where the problems are</h2>
<ol class="source">${shown.map(
    ({ n, line }) =>
      html`<li value="${n}" id="line-${n}"${at.has(n) ? html` class="problem-line"` : ""}><code>${line || " "}</code>${(at.get(n) ?? []).map((m) => html`<p class="field-error">${m}</p>`)}</li>`,
  )}</ol>
</section>`;
}

import type { Html } from "@agora/http";
import type { SurveyQuestion } from "@agora/schemas";
import { html } from "hono/html";
import { fieldName } from "../answers/index.ts";
import { describeShowIf } from "./describe-show-if.ts";
import { errorId, text, type FormView } from "./form-view.ts";

/** What a control renderer needs to know about the question around it. */
export interface QuestionFrame {
  q: SurveyQuestion;
  /** None for a conditional question (see questionNumbers). */
  number: number | undefined;
  /** Whether the question has help text and a show-if hint, to name them in `aria-describedby`. */
  help: boolean;
  hint: boolean;
  /** Marked `required` in the markup: a conditional question is not, or a member skipping it could not send. */
  required: boolean;
}

/**
 * `known`: the question's condition is met by answers of earlier pages, so the server knows it is
 * shown: no hint, and required when the question is.
 */
export function questionFrame(q: SurveyQuestion, number: number | undefined, known = false): QuestionFrame {
  const conditional = q.show_if !== undefined && !known;
  return { q, number, help: q.help !== undefined, hint: conditional, required: q.required && !conditional };
}

/** The title line: number, title and, in words (not colour alone), whether it is required. */
export function questionTitle(view: FormView, f: QuestionFrame): Html {
  const marker = f.q.required ? (f.hint ? view.t.requiredIfShown : view.t.required) : "";
  const number =
    f.number === undefined ? "" : html`<span class="question-number">${view.t.questionNumber(f.number)}</span> `;
  return html`${number}<span class="question-title">${text(view, f.q.title)}</span>${
    marker ? html` <span class="required-marker">${marker}</span>` : ""
  }`;
}

/** Help, show-if hint and the question's own error, under its title. */
export function questionNotes(view: FormView, f: QuestionFrame): Html {
  const name = fieldName(f.q.id);
  return html`${f.help && f.q.help ? html`<p class="help" id="help-${f.q.id}">${text(view, f.q.help)}</p>` : ""}${
    f.hint && f.q.show_if
      ? html`<p class="show-if-hint" id="hint-${f.q.id}">${describeShowIf(view, f.q.show_if)}</p>`
      : ""
  }${fieldError(view, name)}`;
}

export function fieldError(view: FormView, name: string): Html | string {
  const message = view.errors.get(name);
  return message ? html`<p class="field-error" id="${errorId(name)}">${message}</p>` : "";
}

/**
 * The attributes every control of the question shares: what describes it (help, hint, the
 * errors of its fields), whether it is invalid, whether it is required.
 */
export function controlAttributes(
  view: FormView,
  f: QuestionFrame,
  fields: string[],
  options: { required?: boolean; describedBy?: string } = {},
): Html {
  const ids = [
    ...(f.help ? [`help-${f.q.id}`] : []),
    ...(f.hint ? [`hint-${f.q.id}`] : []),
    ...(options.describedBy ? [options.describedBy] : []),
    ...fields.filter((name) => view.errors.has(name)).map(errorId),
  ];
  const invalid = fields.some((name) => view.errors.has(name));
  const required = options.required ?? f.required;
  return html`${ids.length ? html` aria-describedby="${ids.join(" ")}"` : ""}${invalid ? html` aria-invalid="true"` : ""}${required ? html` required` : ""}`;
}

/** The box around one question; `data-question` is what the show-if script looks for. */
export function questionBox(f: QuestionFrame, inner: Html): Html {
  return html`<div class="question" id="question-${f.q.id}" data-question="${f.q.id}">
${inner}
</div>`;
}

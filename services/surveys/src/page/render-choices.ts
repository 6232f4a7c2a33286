import type { Html } from "@agora/http";
import { OTHER_OPTION, type SurveyQuestion } from "@agora/schemas";
import { html } from "hono/html";
import { fieldName } from "../answers/index.ts";
import { choiceId, fieldId, isChecked, sentValue, text, type FormView } from "./form-view.ts";
import { inOrder } from "./option-order.ts";
import { controlAttributes, fieldError, questionNotes, questionTitle, type QuestionFrame } from "./question-frame.ts";

/** `checked` when something else than the field's own values says so (an "other" text typed). */
type Choice = { value: string; label: string | Html; checked?: boolean };
type ChoiceQuestion = Extract<SurveyQuestion, { type: "single_choice" | "multiple_choice" }>;

/**
 * A group of radios or checkboxes in a fieldset whose legend is the question. A required radio
 * group is a `radiogroup` so `aria-required` is allowed on it; checkboxes carry the word only.
 */
function choiceGroup(
  view: FormView,
  f: QuestionFrame,
  kind: "radio" | "checkbox",
  choices: Choice[],
  options: { extra?: Html | string; hint?: string; listClass?: string } = {},
): Html {
  const { extra = "", hint } = options;
  const name = fieldName(f.q.id);
  const radiogroup = kind === "radio" && f.required ? html` role="radiogroup" aria-required="true"` : "";
  const listClass = options.listClass ?? (choices.length > 7 ? "choice-list choice-list-wide" : "choice-list");
  return html`<fieldset class="choices"${radiogroup}>
<legend>${questionTitle(view, f)}</legend>
${questionNotes(view, f)}${hint ? html`<p class="help" id="bounds-${f.q.id}">${hint}</p>` : ""}
<div class="${listClass}">
${choices.map(
  (c, i) =>
    html`<div class="choice"><input type="${kind}" id="${choiceId(name, c.value, i === 0)}" name="${name}" value="${c.value}"${
      c.checked || isChecked(view, name, c.value) ? html` checked` : ""
    }${controlAttributes(view, f, [name], { required: kind === "radio" && f.required, ...(hint && { describedBy: `bounds-${f.q.id}` }) })}><label for="${choiceId(name, c.value, i === 0)}">${c.label}</label></div>`,
)}
</div>
${extra}
</fieldset>`;
}

/**
 * Single and multiple choice, with the "other" text beside its choice when offered. The text box
 * shows only while "Other" is chosen (the stylesheet's `:has()`, so without JavaScript too; a
 * browser without `:has()` shows it always). A typed text counts as choosing "Other", as
 * parseAnswers takes it, so a form sent back with one has "Other" ticked and its box open.
 */
export function renderChoice(view: FormView, f: QuestionFrame, q: ChoiceQuestion): Html {
  const choices: Choice[] = inOrder(view, q).map((o) => ({ value: o.id, label: text(view, o.label) }));
  const otherName = fieldName(q.id, OTHER_OPTION);
  if (q.other)
    choices.push({ value: OTHER_OPTION, label: view.t.otherOption, checked: sentValue(view, otherName).trim() !== "" });
  const other = q.other
    ? html`<div class="other-text"><label for="${fieldId(otherName)}">${view.t.otherText}</label>
${fieldError(view, otherName)}<input type="text" id="${fieldId(otherName)}" name="${otherName}" maxlength="200" value="${sentValue(view, otherName)}"${controlAttributes(view, f, [otherName], { required: false })}></div>`
    : "";
  const bounds =
    q.type === "multiple_choice" && (q.min !== undefined || q.max !== undefined)
      ? view.t.chooseBetween(q.min, q.max)
      : undefined;
  return choiceGroup(view, f, q.type === "single_choice" ? "radio" : "checkbox", choices, {
    extra: other,
    ...(bounds && { hint: bounds }),
  });
}

/**
 * Rating and NPS: one row of points, each a radio over its number, and the words for both ends
 * under the row's ends. The end words are also in the end points' labels, so a screen reader
 * hears "10 (extremely likely)"; shown once under the row, they no longer push "10" onto a line
 * of its own.
 */
export function renderScale(
  view: FormView,
  f: QuestionFrame,
  q: Extract<SurveyQuestion, { type: "rating" | "nps" }>,
): Html {
  const [min, max] = q.type === "nps" ? [0, 10] : [q.min, q.max];
  const ends =
    q.type === "nps"
      ? { min: view.t.npsLow, max: view.t.npsHigh }
      : q.labels
        ? { min: text(view, q.labels.min), max: text(view, q.labels.max) }
        : undefined;
  const choices: Choice[] = [];
  for (let n = min; n <= max; n++) {
    const end = n === min ? ends?.min : n === max ? ends?.max : undefined;
    choices.push({
      value: String(n),
      label: end ? html`${n}<span class="visually-hidden"> (${end})</span>` : String(n),
    });
  }
  const endWords = ends
    ? html`<div class="scale-ends" aria-hidden="true"><span>${min}: ${ends.min}</span><span>${max}: ${ends.max}</span></div>`
    : "";
  return choiceGroup(view, f, "radio", choices, { extra: endWords, listClass: "choice-list scale" });
}

/** A Likert matrix as a fieldset per statement, each a radio group labelled by the scale. */
export function renderLikert(view: FormView, f: QuestionFrame, q: Extract<SurveyQuestion, { type: "likert" }>): Html {
  return html`<fieldset class="likert">
<legend>${questionTitle(view, f)}</legend>
${questionNotes(view, f)}
${q.rows.map((row) => {
  const name = fieldName(q.id, row.id);
  const radiogroup = f.required ? html` role="radiogroup" aria-required="true"` : "";
  return html`<fieldset class="likert-row"${radiogroup}>
<legend>${text(view, row.label)}</legend>
${fieldError(view, name)}<div class="choice-list">
${q.scale.map(
  (col, i) =>
    html`<div class="choice"><input type="radio" id="${choiceId(name, col.id, i === 0)}" name="${name}" value="${col.id}"${
      isChecked(view, name, col.id) ? html` checked` : ""
    }${controlAttributes(view, f, [name])}><label for="${choiceId(name, col.id, i === 0)}">${text(view, col.label)}</label></div>`,
)}
</div>
</fieldset>`;
})}
</fieldset>`;
}

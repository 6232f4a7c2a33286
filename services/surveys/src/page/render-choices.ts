import type { Html } from "@agora/http";
import { OTHER_OPTION, type SurveyQuestion } from "@agora/schemas";
import { html } from "hono/html";
import { fieldName } from "../answers/index.ts";
import { choiceId, fieldId, isChecked, sentValue, text, type FormView } from "./form-view.ts";
import { controlAttributes, fieldError, questionNotes, questionTitle, type QuestionFrame } from "./question-frame.ts";

type Choice = { value: string; label: string | Html };
type ChoiceQuestion = Extract<SurveyQuestion, { type: "single_choice" | "multiple_choice" }>;

/**
 * A group of radios or checkboxes in a fieldset whose legend is the question. A required radio
 * group is a `radiogroup` so `aria-required` is allowed on it; checkboxes carry the word only.
 */
function choiceGroup(view: FormView, f: QuestionFrame, kind: "radio" | "checkbox", choices: Choice[], extra: Html | string = "", hint?: string): Html {
  const name = fieldName(f.q.id);
  const radiogroup = kind === "radio" && f.required ? html` role="radiogroup" aria-required="true"` : "";
  return html`<fieldset class="choices"${radiogroup}>
<legend>${questionTitle(view, f)}</legend>
${questionNotes(view, f)}${hint ? html`<p class="help" id="bounds-${f.q.id}">${hint}</p>` : ""}
<div class="choice-list${choices.length > 7 ? " choice-list-wide" : ""}">
${choices.map(
  (c, i) => html`<div class="choice"><input type="${kind}" id="${choiceId(name, c.value, i === 0)}" name="${name}" value="${c.value}"${
    isChecked(view, name, c.value) ? html` checked` : ""
  }${controlAttributes(view, f, [name], { required: kind === "radio" && f.required, ...(hint && { describedBy: `bounds-${f.q.id}` }) })}><label for="${choiceId(name, c.value, i === 0)}">${c.label}</label></div>`,
)}
</div>
${extra}
</fieldset>`;
}

/** Single and multiple choice, with the "other" text beside its choice when offered. */
export function renderChoice(view: FormView, f: QuestionFrame, q: ChoiceQuestion): Html {
  const choices: Choice[] = q.options.map((o) => ({ value: o.id, label: text(view, o.label) }));
  if (q.other) choices.push({ value: OTHER_OPTION, label: view.t.otherOption });
  const otherName = fieldName(q.id, OTHER_OPTION);
  const other = q.other
    ? html`<div class="other-text"><label for="${fieldId(otherName)}">${view.t.otherText}</label>
${fieldError(view, otherName)}<input type="text" id="${fieldId(otherName)}" name="${otherName}" maxlength="200" value="${sentValue(view, otherName)}"${controlAttributes(view, f, [otherName], { required: false })}></div>`
    : "";
  const bounds = q.type === "multiple_choice" && (q.min !== undefined || q.max !== undefined) ? view.t.chooseBetween(q.min, q.max) : undefined;
  return choiceGroup(view, f, q.type === "single_choice" ? "radio" : "checkbox", choices, other, bounds);
}

/** Rating and NPS: a radio per point, the words for both ends beside the end points. */
export function renderScale(view: FormView, f: QuestionFrame, q: Extract<SurveyQuestion, { type: "rating" | "nps" }>): Html {
  const [min, max] = q.type === "nps" ? [0, 10] : [q.min, q.max];
  const ends = q.type === "nps" ? { min: view.t.npsLow, max: view.t.npsHigh } : q.labels ? { min: text(view, q.labels.min), max: text(view, q.labels.max) } : undefined;
  const choices: Choice[] = [];
  for (let n = min; n <= max; n++) {
    const end = n === min ? ends?.min : n === max ? ends?.max : undefined;
    choices.push({ value: String(n), label: end ? html`${n} <span class="scale-end">(${end})</span>` : String(n) });
  }
  return choiceGroup(view, f, "radio", choices);
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
  (col, i) => html`<div class="choice"><input type="radio" id="${choiceId(name, col.id, i === 0)}" name="${name}" value="${col.id}"${
    isChecked(view, name, col.id) ? html` checked` : ""
  }${controlAttributes(view, f, [name])}><label for="${choiceId(name, col.id, i === 0)}">${text(view, col.label)}</label></div>`,
)}
</div>
</fieldset>`;
})}
</fieldset>`;
}

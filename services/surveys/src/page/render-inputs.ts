import type { Html } from "@agora/http";
import type { SurveyQuestion } from "@agora/schemas";
import { html } from "hono/html";
import { fieldName } from "../answers/index.ts";
import { fieldId, sentValue, text, type FormView } from "./form-view.ts";
import { inOrder } from "./option-order.ts";
import { controlAttributes, fieldError, questionNotes, questionTitle, type QuestionFrame } from "./question-frame.ts";

function labelled(view: FormView, f: QuestionFrame, control: Html): Html {
  return html`<label class="question-label" for="${fieldId(fieldName(f.q.id))}">${questionTitle(view, f)}</label>
${questionNotes(view, f)}${control}`;
}

/** A number: `type=number` for the bounds and a phone's keypad, `inputmode=decimal` for a decimal mark. */
export function renderNumber(view: FormView, f: QuestionFrame, q: Extract<SurveyQuestion, { type: "number" }>): Html {
  const name = fieldName(q.id);
  const bounds = html`${q.min !== undefined ? html` min="${q.min}"` : ""}${q.max !== undefined ? html` max="${q.max}"` : ""} step="${q.integer ? "1" : "any"}"`;
  const unit = q.unit ? html` <span class="unit">${text(view, q.unit)}</span>` : "";
  return labelled(
    view,
    f,
    html`<div class="number-field"><input type="number" inputmode="decimal" id="${fieldId(name)}" name="${name}"${bounds} value="${sentValue(view, name)}"${controlAttributes(view, f, [name])}>${unit}</div>`,
  );
}

export function renderText(
  view: FormView,
  f: QuestionFrame,
  q: Extract<SurveyQuestion, { type: "short_text" | "long_text" }>,
): Html {
  const name = fieldName(q.id);
  const attrs = controlAttributes(view, f, [name]);
  const control =
    q.type === "short_text"
      ? html`<input type="text" id="${fieldId(name)}" name="${name}" maxlength="${q.max_length}" value="${sentValue(view, name)}"${attrs}>`
      : html`<textarea id="${fieldId(name)}" name="${name}" maxlength="${q.max_length}" rows="6"${attrs}>${sentValue(view, name)}</textarea>`;
  return labelled(view, f, control);
}

/** Ranking without JavaScript: each option gets a labelled select of the positions 1…n. */
export function renderRanking(view: FormView, f: QuestionFrame, q: Extract<SurveyQuestion, { type: "ranking" }>): Html {
  const n = q.options.length;
  const positions = Array.from({ length: n }, (_, i) => String(i + 1));
  return html`<fieldset class="ranking">
<legend>${questionTitle(view, f)}</legend>
${questionNotes(view, f)}<p class="help" id="rank-hint-${q.id}">${view.t.rankingHint(n)}</p>
${inOrder(view, q).map((o) => {
  const name = fieldName(q.id, o.id);
  const chosen = sentValue(view, name);
  return html`<div class="rank">${fieldError(view, name)}<select id="${fieldId(name)}" name="${name}"${controlAttributes(view, f, [fieldName(q.id), name], { describedBy: `rank-hint-${q.id}` })}>
<option value=""${chosen === "" ? html` selected` : ""}>${view.t.notRanked}</option>
${positions.map((p) => html`<option value="${p}"${chosen === p ? html` selected` : ""}>${p}</option>`)}
</select> <label for="${fieldId(name)}">${text(view, o.label)}</label></div>`;
})}
</fieldset>`;
}

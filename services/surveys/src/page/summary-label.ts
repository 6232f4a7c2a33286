import { OTHER_OPTION } from "@agora/schemas";
import { text, type FormView } from "./form-view.ts";
import { questionNumbers } from "./question-numbers.ts";

/**
 * What an error-summary link names: "Question 7: How well do these serve…? – Forum" for a
 * likert row or a ranked option, the question alone for the question's own field.
 */
export function summaryLabel(view: FormView, field: string): string {
  if (field === "token") return view.definition.access.mode === "blind" ? view.t.blindLabel : view.t.inviteLabel;
  const [, questionId, part] = field.split(".");
  const q = view.definition.questions.find((q) => q.id === questionId);
  if (!q) return field;
  const number = questionNumbers(view.definition).get(q.id);
  const label = number === undefined ? text(view, q.title) : `${view.t.questionNumber(number)}: ${text(view, q.title)}`;
  if (part === undefined) return label;
  if (part === OTHER_OPTION && "other" in q && q.other) return `${label} – ${view.t.otherText}`;
  const options = q.type === "likert" ? q.rows : "options" in q ? q.options : [];
  const option = options.find((o) => o.id === part);
  return option ? `${label} – ${text(view, option.label)}` : label;
}

import type { ShowIf, SurveyQuestion } from "@agora/schemas";
import { OTHER_OPTION } from "@agora/schemas";
import { text, type FormView } from "./form-view.ts";

/**
 * The condition in words ("Answer only if you chose “Yes” in question 8."), shown beside a
 * conditional question: with JavaScript off every question is on the page, and this is how a
 * member knows which ones to skip.
 */
export function describeShowIf(view: FormView, condition: ShowIf): string {
  return view.t.showIf.prefix(describe(view, condition));
}

function describe(view: FormView, c: ShowIf): string {
  const s = view.t.showIf;
  if ("all" in c) return c.all.map((x) => describe(view, x)).join(s.and);
  if ("any" in c) return c.any.map((x) => describe(view, x)).join(s.or);
  if ("not" in c) return s.not(describe(view, c.not));
  const index = view.definition.questions.findIndex((q) => q.id === c.question);
  const n = index + 1;
  const target = view.definition.questions[index];
  if ("answered" in c) return c.answered ? s.answered(n) : s.notAnswered(n);
  if ("equals" in c) return s.chose([label(view, target, String(c.equals))], n);
  if ("any_of" in c) return s.chose(c.any_of.map((v) => label(view, target, v)), n);
  return s.between(n, c.at_least, c.at_most);
}

/** What the member saw for a value: the option's label, else the value itself (a number). */
function label(view: FormView, q: SurveyQuestion | undefined, value: string): string {
  if (!q) return value;
  if (value === OTHER_OPTION && "other" in q && q.other) return view.t.otherOption;
  const options = q.type === "likert" ? q.scale : "options" in q ? q.options : [];
  const option = options.find((o) => o.id === value);
  return option ? text(view, option.label) : value;
}

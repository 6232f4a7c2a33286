import type { ShowIf, SurveyQuestion } from "@agora/schemas";
import { OTHER_OPTION } from "@agora/schemas";
import { text, type FormView } from "./form-view.ts";
import { questionNumbers } from "./question-numbers.ts";

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
  const target = view.definition.questions.find((q) => q.id === c.question);
  const ref = reference(view, target, c.question);
  if ("answered" in c) return c.answered ? s.answered(ref) : s.notAnswered(ref);
  if ("equals" in c) return s.chose([label(view, target, String(c.equals))], ref);
  if ("any_of" in c)
    return s.chose(
      c.any_of.map((v) => label(view, target, v)),
      ref,
    );
  return s.between(ref, c.at_least, c.at_most);
}

/** "question 8", or the question's title where it has no number (a conditional question). */
function reference(view: FormView, q: SurveyQuestion | undefined, id: string): string {
  const number = q && questionNumbers(view.definition).get(q.id);
  if (number !== undefined) return view.t.showIf.question(number);
  return view.t.showIf.titled(q ? text(view, q.title) : id);
}

/** What the member saw for a value: the option's label, else the value itself (a number). */
function label(view: FormView, q: SurveyQuestion | undefined, value: string): string {
  if (!q) return value;
  if (value === OTHER_OPTION && "other" in q && q.other) return view.t.otherOption;
  const options = q.type === "likert" ? q.scale : "options" in q ? q.options : [];
  const option = options.find((o) => o.id === value);
  return option ? text(view, option.label) : value;
}

import { OTHER_OPTION, type SurveyQuestion } from "@agora/schemas";
import { itemAt } from "./item-at.ts";
import type { ResultContext, ResultData } from "./result-data.ts";
import type { QuestionResults } from "./results-types.ts";
import { showCounts, suppressCounts } from "./suppress-counts.ts";

type ChoiceQuestion = Extract<SurveyQuestion, { type: "single_choice" | "multiple_choice" }>;

/**
 * Counts per option, "other" included as a count (its texts are an admin's). A single choice's
 * options add up to its answerers, which makes them a line for secondary suppression; a
 * multiple choice's do not (one person picks several), so nothing can be subtracted there.
 */
export function choiceResults(q: ChoiceQuestion, data: ResultData, ctx: ResultContext): QuestionResults {
  const options = q.options.map((o) => ({ id: o.id, label: ctx.text(o.label) }));
  if (q.other) options.push({ id: OTHER_OPTION, label: ctx.otherLabel });
  const byId = new Map<string, number>();
  let answered = 0;
  for (const { value, n } of data.values.get(q.id) ?? []) {
    answered += n;
    for (const id of Array.isArray(value) ? value : [value]) byId.set(String(id), (byId.get(String(id)) ?? 0) + n);
  }
  const counts = options.map((o) => byId.get(o.id) ?? 0);
  const all = [...counts, answered];
  const lines = q.type === "single_choice" ? [{ parts: counts.map((_, i) => i), total: counts.length }] : [];
  const shown = showCounts(all, suppressCounts({ counts: all, lines }, ctx.k));
  return {
    id: q.id,
    title: ctx.text(q.title),
    type: q.type,
    answered: itemAt(shown, counts.length),
    options: options.map((o, i) => ({ ...o, count: itemAt(shown, i) })),
  };
}

import { OTHER_OPTION, type SurveyQuestion } from "@agora/schemas";
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
  const index = new Map(options.map((o, i) => [o.id, i]));
  const counts = options.map(() => 0);
  let answered = 0;
  for (const { value, n } of data.values.get(q.id) ?? []) {
    answered += n;
    for (const id of Array.isArray(value) ? value : [value]) {
      const i = index.get(String(id));
      if (i !== undefined) counts[i]! += n;
    }
  }
  const all = [...counts, answered];
  const lines = q.type === "single_choice" ? [{ parts: counts.map((_, i) => i), total: counts.length }] : [];
  const shown = showCounts(all, suppressCounts({ counts: all, lines }, ctx.k));
  return {
    id: q.id,
    title: ctx.text(q.title),
    type: q.type,
    answered: shown[counts.length]!,
    options: options.map((o, i) => ({ ...o, count: shown[i]! })),
  };
}

import type { Sql } from "@agora/db";
import { QUESTION_ID_PATTERN, type SurveyDefinition, type SurveyQuestion } from "@agora/schemas";
import { crossTab, crossTabulable, type CrossTab } from "./cross-tab.ts";
import { round2 } from "./result-data.ts";
import type { CountedItem, QuestionResults, ShownCount, SurveyResults } from "./results-types.ts";
import { medianOf } from "./scale-results.ts";

/** Results of the members who gave one answer to one question: `?filter=<question>:<answer>`. */
export interface ResultsFilter {
  question: string;
  value: string;
}

export interface FilteredResults {
  question: string;
  title: string;
  value: string;
  label: string;
  /** Members who gave that answer, as the question's own results show it; null when hidden there, and then nothing else is shown. */
  responses: ShownCount;
  tooFew: boolean;
  /** Each other question that a cross-tab takes, among the group, with the cross-tab's suppression. */
  questions: QuestionResults[];
  /** The questions that are not broken down by a filter: matrices, free texts, and the filter's own. */
  notBrokenDown: string[];
}

export type FilterResult = { ok: true; filtered: FilteredResults } | { ok: false; message: string };

const VALUE_PATTERN = /^[a-z0-9_]{1,63}$/;

/** `?filter=` as a question id and an answer, or why not; empty means no filter (the form's "everyone"). */
export function parseFilter(
  raw: string | undefined,
): { ok: true; filter?: ResultsFilter } | { ok: false; message: string } {
  if (!raw) return { ok: true };
  const at = raw.indexOf(":");
  const [question, value] = at < 0 ? [raw, ""] : [raw.slice(0, at), raw.slice(at + 1)];
  if (!QUESTION_ID_PATTERN.test(question))
    return {
      ok: false,
      message: "filter: must be <question id>:<answer> (like usage:home), the question id starting with a letter",
    };
  if (!VALUE_PATTERN.test(value))
    return {
      ok: false,
      message: `filter: "${question}" needs an answer after a colon (like ${question}:home): an option id or a scale value`,
    };
  return { ok: true, filter: { question, value } };
}

/** Whether members can be picked by their answer to `q`: one answer each, or options each picked or not. */
export const filterable = (q: SurveyQuestion) => ["single_choice", "multiple_choice", "rating", "nps"].includes(q.type);

/**
 * The results of one group of members, those who gave one answer to one question. Each
 * question is exactly a row of the cross-tab of the filter's question by it, made and suppressed
 * by crossTab: so a filter shows nothing a cross-tab would not, and what it hides follows the
 * same rules, the difference against everyone's results included (cross-tab.ts). Figures are
 * given only where the row's counts show them whole: a mean of a row with a hidden cell would
 * pin that cell down.
 */
export async function filterResults({
  ctx,
  input,
}: {
  ctx: { db: Sql };
  input: { definition: SurveyDefinition; results: SurveyResults; filter: ResultsFilter };
}): Promise<FilterResult> {
  const { definition, results, filter } = input;
  const fq = definition.questions.find((q) => q.id === filter.question);
  if (!fq) return { ok: false, message: `filter: "${filter.question}" is not a question of this survey` };
  if (!filterable(fq))
    return {
      ok: false,
      message: `filter: "${fq.id}" is a ${fq.type.replace("_", " ")} question; filters take choice, rating and NPS questions`,
    };
  const own = results.questions.find((q) => q.id === fq.id);
  const values =
    own &&
    (own.type === "single_choice" || own.type === "multiple_choice"
      ? own.options
      : own.type === "rating" || own.type === "nps"
        ? own.distribution
        : []);
  const index = values?.findIndex((v) => v.id === filter.value) ?? -1;
  const picked = values?.[index];
  if (!own || !picked) return { ok: false, message: `filter: "${filter.value}" is not an answer to "${fq.id}"` };
  const k = results.k;
  const tooFew = picked.count === null || picked.count < k;
  const base = {
    question: fq.id,
    title: own.title,
    value: picked.id,
    label: picked.label,
    responses: tooFew ? null : picked.count,
    tooFew,
  };
  const others = definition.questions.filter((q) => q.id !== fq.id);
  const notBrokenDown = [fq.id, ...others.filter((q) => !crossTabulable(q)).map((q) => q.id)];
  if (tooFew) return { ok: true, filtered: { ...base, questions: [], notBrokenDown } };
  const tables = await Promise.all(
    others
      .filter(crossTabulable)
      .map((q) => crossTab({ ctx, input: { definition, x: fq.id, y: q.id, lang: results.lang, results } })),
  );
  const questions: QuestionResults[] = [];
  for (const made of tables) {
    if (!made.ok) return made;
    const q = results.questions.find((r) => r.id === made.crossTab.y.id);
    if (q) questions.push(rowResults(q, made.crossTab, index, k));
  }
  return { ok: true, filtered: { ...base, questions, notBrokenDown } };
}

/** Row `i` of a cross-tab as the results of its column question `q`, shaped like everyone's. */
function rowResults(q: QuestionResults, t: CrossTab, i: number, k: number): QuestionResults {
  const answered = t.rowTotals[i] ?? null;
  const items: CountedItem[] = t.y.values.map((v, j) => ({ id: v.id, label: v.label, count: t.cells[i]?.[j] ?? null }));
  const base = { id: q.id, title: q.title, answered };
  const whole = answered !== null && answered >= k && items.every((item) => item.count !== null);
  const sum = (pick: (value: number) => boolean) =>
    whole ? items.reduce((s, item) => s + (pick(Number(item.id)) ? (item.count ?? 0) : 0), 0) : null;
  const scale = () => {
    const values = items.map((item) => Number(item.id));
    const counts = items.map((item) => item.count ?? 0);
    return {
      mean: whole ? round2(items.reduce((s, item) => s + Number(item.id) * (item.count ?? 0), 0) / answered) : null,
      median: whole ? medianOf(values, counts) : null,
    };
  };
  switch (q.type) {
    case "single_choice":
    case "multiple_choice":
      return { ...base, type: q.type, options: items };
    case "rating":
      return { ...base, type: "rating", ...scale(), distribution: items };
    case "number":
      // A bin says little of the numbers in it: mean and median are left to everyone's results.
      return { ...base, type: "number", mean: null, median: null, distribution: items };
    case "nps": {
      const [promoters, passives, detractors] = [
        sum((v) => v >= 9),
        sum((v) => v === 7 || v === 8),
        sum((v) => v <= 6),
      ];
      const score =
        whole && promoters !== null && detractors !== null && answered
          ? Math.round(((promoters - detractors) / answered) * 100)
          : null;
      return { ...base, type: "nps", ...scale(), distribution: items, promoters, passives, detractors, score };
    }
    default:
      return { ...base, type: "short_text" };
  }
}

/**
 * The group a results page's filter form picked, as the page shows it: none without `?filter=`
 * or with too few answers in all, else the group's results or the reason there are none. The
 * public page and the admin's show the same, so it is said once.
 */
export async function pickedFilter(
  db: Sql,
  input: { definition: SurveyDefinition; results: SurveyResults; raw: string | undefined },
) {
  if (!input.raw || input.results.tooFew) return undefined;
  const parsed = parseFilter(input.raw);
  if (!parsed.ok) return { raw: input.raw, error: parsed.message };
  if (!parsed.filter) return undefined;
  const made = await filterResults({
    ctx: { db },
    input: { definition: input.definition, results: input.results, filter: parsed.filter },
  });
  return made.ok ? { raw: input.raw, filtered: made.filtered } : { raw: input.raw, error: made.message };
}

import type { SurveyQuestion } from "@agora/schemas";
import { itemAt } from "./item-at.ts";
import { round2, type ResultContext, type ResultData } from "./result-data.ts";
import type { QuestionResults } from "./results-types.ts";
import { showCounts, suppressCounts, type ShownCount, type SumLine } from "./suppress-counts.ts";

type ScaleQuestion = Extract<SurveyQuestion, { type: "rating" | "nps" }>;

/**
 * A rating or an NPS question: counts per scale value, mean and median. NPS adds promoters
 * (9–10), passives (7–8) and detractors (0–6), each a sum of values and so a line of its own,
 * and the score, shown only while promoters and detractors are: with one of them hidden, the
 * score and the answerers would give it away. The median is kept: it says only where half the
 * answers lie.
 */
export function scaleResults(q: ScaleQuestion, data: ResultData, ctx: ResultContext): QuestionResults {
  const [lo, hi] = q.type === "nps" ? [0, 10] : [q.min, q.max];
  const values = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  const byValue = new Map<number, number>();
  for (const { value, n } of data.values.get(q.id) ?? []) {
    if (typeof value === "number" && value >= lo && value <= hi && Number.isInteger(value))
      byValue.set(value, (byValue.get(value) ?? 0) + n);
  }
  const counts = values.map((v) => byValue.get(v) ?? 0);
  const answered = counts.reduce((a, b) => a + b, 0);
  const all = [...counts, answered];
  const total = counts.length;
  const lines: SumLine[] = [{ parts: counts.map((_, i) => i), total }];
  if (q.type === "nps") {
    const group = (from: number, to: number) => values.flatMap((v, i) => (v >= from && v <= to ? [i] : []));
    const groups = [group(9, 10), group(7, 8), group(0, 6)];
    groups.forEach((parts) => {
      lines.push({ parts, total: all.length });
      all.push(parts.reduce((s, i) => s + itemAt(counts, i), 0));
    });
    lines.push({ parts: [total + 1, total + 2, total + 3], total });
  }
  const shown = showCounts(all, suppressCounts({ counts: all, lines }, ctx.k));
  const shownAt = (i: number) => countAt(shown, i);
  const big = answered >= ctx.k;
  // The mean is one more equation over the counts: beside the answerers it would pin down two
  // hidden counts of the distribution. It is shown only when none is hidden.
  const meanSafe = big && shown.slice(0, total).every((n) => n !== null);
  const base = {
    id: q.id,
    title: ctx.text(q.title),
    answered: shownAt(total),
    mean: meanSafe ? round2(values.reduce((s, v, i) => s + v * itemAt(counts, i), 0) / answered) : null,
    median: big ? medianOf(values, counts) : null,
    distribution: values.map((v, i) => ({ id: String(v), label: String(v), count: shownAt(i) })),
  };
  if (q.type === "rating") return { ...base, type: "rating" };
  const [promoters, passives, detractors] = [shownAt(total + 1), shownAt(total + 2), shownAt(total + 3)];
  const score =
    big && promoters !== null && detractors !== null ? Math.round(((promoters - detractors) / answered) * 100) : null;
  return { ...base, type: "nps", promoters, passives, detractors, score };
}

/** The median of counted values: the middle one, or the mean of the two middle ones. */
export function medianOf(values: readonly number[], counts: readonly number[]): number | null {
  const n = counts.reduce((a, b) => a + b, 0);
  if (!n) return null;
  const at = (rank: number) => {
    let seen = 0;
    for (const [i, value] of values.entries()) {
      seen += itemAt(counts, i);
      if (seen > rank) return value;
    }
    return itemAt(values, values.length - 1);
  };
  return (at(Math.floor((n - 1) / 2)) + at(Math.floor(n / 2))) / 2;
}

type NumberQuestion = Extract<SurveyQuestion, { type: "number" }>;

/** A number question: counts in bins (number-axis.ts chose them), mean and median from the database. */
export function numberResults(q: NumberQuestion, data: ResultData, ctx: ResultContext): QuestionResults {
  const counted = data.numbers.get(q.id);
  const bins = counted?.counts ?? [];
  const edges = counted?.edges ?? [];
  const answered = counted?.stats.n ?? 0;
  const all = [...bins, answered];
  const shown = showCounts(
    all,
    suppressCounts({ counts: all, lines: [{ parts: bins.map((_, i) => i), total: bins.length }] }, ctx.k),
  );
  const big = answered >= ctx.k && counted !== undefined;
  return {
    id: q.id,
    title: ctx.text(q.title),
    type: "number",
    answered: countAt(shown, bins.length),
    mean: big ? round2(counted.stats.mean) : null,
    median: big ? round2(counted.stats.median) : null,
    distribution: bins.map((_, i) => ({
      id: String(edges[i]),
      label: itemAt(counted?.labels ?? [], i),
      count: countAt(shown, i),
    })),
  };
}

/** A hidden count is null, which `itemAt` keeps: only a missing one is an error. */
const countAt = (shown: readonly ShownCount[], i: number): ShownCount => itemAt(shown, i);

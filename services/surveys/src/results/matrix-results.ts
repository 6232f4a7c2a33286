import type { SurveyQuestion } from "@agora/schemas";
import { round2, type ResultContext, type ResultData } from "./result-data.ts";
import type { QuestionResults } from "./results-types.ts";
import { showCounts, suppressCounts, type SumLine } from "./suppress-counts.ts";

type LikertQuestion = Extract<SurveyQuestion, { type: "likert" }>;

/** A likert matrix: per row (statement), the count per scale column beside the row's answerers. */
export function likertResults(q: LikertQuestion, data: ResultData, ctx: ResultContext): QuestionResults {
  const rowIndex = new Map(q.rows.map((r, i) => [r.id, i]));
  const colIndex = new Map(q.scale.map((c, j) => [c.id, j]));
  const cells = q.rows.map(() => q.scale.map(() => 0));
  let answered = 0;
  for (const { value, n } of data.values.get(q.id) ?? []) {
    if (!value || typeof value !== "object" || Array.isArray(value)) continue;
    answered += n;
    for (const [row, col] of Object.entries(value)) {
      const i = rowIndex.get(row);
      const j = colIndex.get(String(col));
      if (i !== undefined && j !== undefined) cells[i]![j]! += n;
    }
  }
  const width = q.scale.length;
  const flat = cells.flat();
  const rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
  const all = [...flat, ...rowTotals, answered];
  const lines: SumLine[] = cells.map((_, i) => ({
    parts: q.scale.map((_, j) => i * width + j),
    total: flat.length + i,
  }));
  const shown = showCounts(all, suppressCounts({ counts: all, lines }, ctx.k));
  return {
    id: q.id,
    title: ctx.text(q.title),
    type: "likert",
    answered: shown.at(-1)!,
    columns: q.scale.map((c) => ({ id: c.id, label: ctx.text(c.label) })),
    rows: q.rows.map((r, i) => ({
      id: r.id,
      label: ctx.text(r.label),
      count: shown[flat.length + i]!,
      counts: q.scale.map((_, j) => shown[i * width + j]!),
    })),
  };
}

type RankingQuestion = Extract<SurveyQuestion, { type: "ranking" }>;

/**
 * A ranking: per option, how many put it at each position, and its mean position. Every
 * answerer gives each option one position and each position one option, so both the rows and
 * the columns of this table add up to the answerers: lines both ways.
 */
export function rankingResults(q: RankingQuestion, data: ResultData, ctx: ResultContext): QuestionResults {
  const size = q.options.length;
  const index = new Map(q.options.map((o, i) => [o.id, i]));
  const cells = q.options.map(() => q.options.map(() => 0));
  let answered = 0;
  for (const { value, n } of data.values.get(q.id) ?? []) {
    if (!Array.isArray(value)) continue;
    answered += n;
    value.forEach((id, position) => {
      const i = index.get(String(id));
      if (i !== undefined && position < size) cells[i]![position]! += n;
    });
  }
  const all = [...cells.flat(), answered];
  const total = all.length - 1;
  const range = Array.from({ length: size }, (_, i) => i);
  const lines: SumLine[] = [
    ...range.map((i) => ({ parts: range.map((p) => i * size + p), total })),
    ...range.map((p) => ({ parts: range.map((i) => i * size + p), total })),
  ];
  const shown = showCounts(all, suppressCounts({ counts: all, lines }, ctx.k));
  const big = answered >= ctx.k;
  return {
    id: q.id,
    title: ctx.text(q.title),
    type: "ranking",
    answered: shown[total]!,
    positions: size,
    options: q.options.map((o, i) => ({
      id: o.id,
      label: ctx.text(o.label),
      // The bar a chart draws: how often it was ranked first.
      count: shown[i * size]!,
      byPosition: range.map((p) => shown[i * size + p]!),
      // Like a rating's mean, a mean place would pin down hidden counts of its row.
      meanPosition:
        big && range.every((p) => shown[i * size + p] !== null)
          ? round2(cells[i]!.reduce((s, c, p) => s + c * (p + 1), 0) / answered)
          : null,
    })),
  };
}

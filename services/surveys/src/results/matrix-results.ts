import type { SurveyQuestion } from "@agora/schemas";
import { itemAt } from "./item-at.ts";
import { round2, type ResultContext, type ResultData } from "./result-data.ts";
import type { QuestionResults } from "./results-types.ts";
import { showCounts, suppressCounts, type SumLine } from "./suppress-counts.ts";

type LikertQuestion = Extract<SurveyQuestion, { type: "likert" }>;

/** A likert matrix: per row (statement), the count per scale column beside the row's answerers. */
export function likertResults(q: LikertQuestion, data: ResultData, ctx: ResultContext): QuestionResults {
  const byCell = new Map<string, number>();
  const cellKey = (row: string, col: string) => `${row}\u0000${col}`;
  let answered = 0;
  for (const { value, n } of data.values.get(q.id) ?? []) {
    if (!value || typeof value !== "object" || Array.isArray(value)) continue;
    answered += n;
    for (const [row, col] of Object.entries(value)) {
      const key = cellKey(row, String(col));
      byCell.set(key, (byCell.get(key) ?? 0) + n);
    }
  }
  const cells = q.rows.map((r) => q.scale.map((c) => byCell.get(cellKey(r.id, c.id)) ?? 0));
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
    answered: itemAt(shown, shown.length - 1),
    columns: q.scale.map((c) => ({ id: c.id, label: ctx.text(c.label) })),
    rows: q.rows.map((r, i) => ({
      id: r.id,
      label: ctx.text(r.label),
      count: itemAt(shown, flat.length + i),
      counts: q.scale.map((_, j) => itemAt(shown, i * width + j)),
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
  const byPlace = new Map<string, number>();
  const placeKey = (id: string, position: number) => `${id}\u0000${position}`;
  let answered = 0;
  for (const { value, n } of data.values.get(q.id) ?? []) {
    if (!Array.isArray(value)) continue;
    answered += n;
    value.forEach((id, position) => {
      const key = placeKey(String(id), position);
      byPlace.set(key, (byPlace.get(key) ?? 0) + n);
    });
  }
  // Positions past the number of options are not counted.
  const cells = q.options.map((o) => q.options.map((_, position) => byPlace.get(placeKey(o.id, position)) ?? 0));
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
    answered: itemAt(shown, total),
    positions: size,
    options: q.options.map((o, i) => ({
      id: o.id,
      label: ctx.text(o.label),
      // The bar a chart draws: how often it was ranked first.
      count: itemAt(shown, i * size),
      byPosition: range.map((p) => itemAt(shown, i * size + p)),
      // Like a rating's mean, a mean place would pin down hidden counts of its row.
      meanPosition:
        big && range.every((p) => shown[i * size + p] !== null)
          ? round2(itemAt(cells, i).reduce((s, c, p) => s + c * (p + 1), 0) / answered)
          : null,
    })),
  };
}

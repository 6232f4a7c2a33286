import { countAnsweredWithout, crossTabCounts, type Sql } from "@agora/db";
import { defaultLanguage, localize, OTHER_OPTION, type SurveyDefinition, type SurveyQuestion } from "@agora/schemas";
import { computeResults } from "./compute-results.ts";
import { itemAt } from "./item-at.ts";
import { numberAxis } from "./number-axis.ts";
import { otherLabel } from "./result-data.ts";
import type { SurveyResults } from "./results-types.ts";
import { showCounts, suppressCounts, type ShownCount, type SumLine } from "./suppress-counts.ts";

export interface CrossTabAxis {
  id: string;
  title: string;
  values: { id: string; label: string }[];
}

export interface CrossTab {
  /** The rows: values of question x. */
  x: CrossTabAxis;
  /** The columns: values of question y. */
  y: CrossTabAxis;
  /** cells[i][j]: respondents who gave x value i and y value j. */
  cells: ShownCount[][];
  rowTotals: ShownCount[];
  columnTotals: ShownCount[];
  /** Respondents who answered both. */
  total: ShownCount;
}

export type CrossTabResult = { ok: true; crossTab: CrossTab } | { ok: false; param: "x" | "y"; message: string };

export interface CrossTabInput {
  definition: SurveyDefinition;
  x: string;
  y: string;
  lang: string;
  /** The survey's results as its page shows them, whose counts the cross-tab must not undo; counted here when absent. */
  results?: SurveyResults;
}

type Axis = CrossTabAxis & { keys: string[]; edges?: number[]; multiple: boolean };

/**
 * Respondents by their answers to two closed questions (a choice, a rating, an NPS, or a number
 * in the bins its chart shows), among those who answered both, suppressed like every other
 * table. A multiple choice counts a person once per option chosen, so its cells do not add up
 * to the totals: only the sums that hold become lines for secondary suppression.
 *
 * Two more relations are public and join the lines: a row total plus those who gave that answer
 * but skipped the other question is the count the question's own results show, and so for the
 * columns. Those who skipped are published nowhere, but a small group of them would show as a
 * difference, so they are counted and suppressed like any cell; so is the rest of a column
 * beside each cell, which a filtered group's results beside everyone's would show. The table is worked out in the
 * survey's order of questions whichever way round it is asked, so x by y hides what y by x does.
 */
export async function crossTab({ ctx, input }: { ctx: { db: Sql }; input: CrossTabInput }): Promise<CrossTabResult> {
  const { definition } = input;
  const fallback = defaultLanguage(definition);
  const text = (t: Parameters<typeof localize>[0]) => localize(t, input.lang, fallback);
  const axes: Axis[] = [];
  for (const param of ["x", "y"] as const) {
    const q = definition.questions.find((question) => question.id === input[param]);
    if (!q) return { ok: false, param, message: `${param}: "${input[param]}" is not a question of this survey` };
    const values = await axisValues(
      ctx.db,
      definition.slug,
      q,
      text,
      otherLabel(input.lang),
      definition.results.min_group_size,
    );
    if (!values)
      return {
        ok: false,
        param,
        message: `${param}: "${q.id}" is a ${q.type.replace("_", " ")} question; cross-tabs take choice, rating, NPS and number questions`,
      };
    axes.push({ id: q.id, title: text(q.title), multiple: q.type === "multiple_choice", ...values });
  }
  const [xAxis, yAxis] = axes as [Axis, Axis];
  if (xAxis.id === yAxis.id) return { ok: false, param: "y", message: "y: must be another question than x" };
  const order = (id: string) => definition.questions.findIndex((q) => q.id === id);
  const flip = order(xAxis.id) > order(yAxis.id);
  const [a, b] = flip ? [yAxis, xAxis] : [xAxis, yAxis];
  const results = input.results ?? (await computeResults(ctx.db, { definition, lang: input.lang }));
  const made = await countAndSuppress(ctx.db, definition, a, b, results);
  return { ok: true, crossTab: flip ? transpose(made) : made };
}

async function countAndSuppress(
  db: Sql,
  definition: SurveyDefinition,
  xAxis: Axis,
  yAxis: Axis,
  results: SurveyResults,
): Promise<CrossTab> {
  const x: CrossTabAxis = { id: xAxis.id, title: xAxis.title, values: xAxis.values };
  const y: CrossTabAxis = { id: yAxis.id, title: yAxis.title, values: yAxis.values };
  const query = (axis: Axis) => ({ question: axis.id, edges: axis.edges, multiple: axis.multiple });
  const [rows, xOnly, yOnly] = await Promise.all([
    crossTabCounts(db, definition.slug, query(xAxis), query(yAxis)),
    countAnsweredWithout(db, definition.slug, query(xAxis), yAxis.id),
    countAnsweredWithout(db, definition.slug, query(yAxis), xAxis.id),
  ]);
  const xi = new Map(xAxis.keys.map((key, i) => [key, i]));
  const yi = new Map(yAxis.keys.map((key, j) => [key, j]));
  const [nx, ny] = [x.values.length, y.values.length];
  // Layout of the counts: cells row by row, then the row totals, the column totals, the total;
  // then per axis, those who skipped the other question (per value, in all) and the question's
  // own results (per value, answerers).
  const cell = (i: number, j: number) => i * ny + j;
  const rowTotal = (i: number) => nx * ny + i;
  const columnTotal = (j: number) => nx * ny + nx + j;
  const total = nx * ny + nx + ny;
  const extra = (offset: number, n: number) => ({
    only: (i: number) => offset + i,
    onlyAll: offset + n,
    whole: (i: number) => offset + n + 1 + i,
    wholeAll: offset + 2 * n + 1,
  });
  const xExtra = extra(total + 1, nx);
  const yExtra = extra(xExtra.wholeAll + 1, ny);
  const counts = new Array<number>(yExtra.wholeAll + 1).fill(0);
  for (const row of rows) {
    const i = row.x === null ? undefined : xi.get(row.x);
    const j = row.y === null ? undefined : yi.get(row.y);
    if (row.x !== null && i === undefined) continue;
    if (row.y !== null && j === undefined) continue;
    if (i !== undefined && j !== undefined) counts[cell(i, j)] = row.n;
    else if (i !== undefined) counts[rowTotal(i)] = row.n;
    else if (j !== undefined) counts[columnTotal(j)] = row.n;
    else counts[total] = row.n;
  }
  const rowRange = x.values.map((_, i) => i);
  const colRange = y.values.map((_, j) => j);
  const lines: SumLine[] = [];
  if (!yAxis.multiple) {
    lines.push(...rowRange.map((i) => ({ parts: colRange.map((j) => cell(i, j)), total: rowTotal(i) })));
    lines.push({ parts: colRange.map(columnTotal), total });
  }
  if (!xAxis.multiple) {
    lines.push(...colRange.map((j) => ({ parts: rowRange.map((i) => cell(i, j)), total: columnTotal(j) })));
    lines.push({ parts: rowRange.map(rowTotal), total });
  }
  const settled = new Map<number, "shown" | "hidden">();
  for (const [axis, only, e, totalOf] of [
    [xAxis, xOnly, xExtra, rowTotal],
    [yAxis, yOnly, yExtra, columnTotal],
  ] as const) {
    const index = new Map(axis.keys.map((key, i) => [key, i]));
    for (const row of only) {
      const i = row.value === null ? undefined : index.get(row.value);
      if (row.value === null) counts[e.onlyAll] = row.n;
      else if (i !== undefined) counts[e.only(i)] = row.n;
    }
    const published = publishedCounts(results, axis.id);
    axis.values.forEach((_, i) => {
      counts[e.whole(i)] = itemAt(counts, totalOf(i)) + itemAt(counts, e.only(i));
      lines.push({ parts: [totalOf(i), e.only(i)], total: e.whole(i) });
      if (published) settled.set(e.whole(i), published.counts[i] === null ? "hidden" : "shown");
    });
    counts[e.wholeAll] = itemAt(counts, total) + itemAt(counts, e.onlyAll);
    lines.push({ parts: [total, e.onlyAll], total: e.wholeAll });
    if (published) settled.set(e.wholeAll, published.answered === null ? "hidden" : "shown");
    if (!axis.multiple) lines.push({ parts: axis.values.map((_, i) => e.whole(i)), total: e.wholeAll });
  }
  // Everyone but one cell's row (or column) who gave its column's (or row's) answer: what
  // comparing a filtered group with everyone's results shows (filter-results.ts). Counted, never
  // shown, and suppressed like a cell, so that the rest of a group cannot be a handful either.
  const unshown = (n: number) => counts.push(n) - 1;
  for (const i of rowRange) {
    for (const j of colRange) {
      lines.push({
        parts: [cell(i, j), unshown(itemAt(counts, yExtra.whole(j)) - itemAt(counts, cell(i, j)))],
        total: yExtra.whole(j),
      });
      lines.push({
        parts: [cell(i, j), unshown(itemAt(counts, xExtra.whole(i)) - itemAt(counts, cell(i, j)))],
        total: xExtra.whole(i),
      });
    }
    lines.push({
      parts: [rowTotal(i), unshown(itemAt(counts, yExtra.wholeAll) - itemAt(counts, rowTotal(i)))],
      total: yExtra.wholeAll,
    });
  }
  for (const j of colRange)
    lines.push({
      parts: [columnTotal(j), unshown(itemAt(counts, xExtra.wholeAll) - itemAt(counts, columnTotal(j)))],
      total: xExtra.wholeAll,
    });
  const shown = showCounts(counts, suppressCounts({ counts, lines, settled }, definition.results.min_group_size));
  return {
    x,
    y,
    cells: rowRange.map((i) => colRange.map((j) => itemAt(shown, cell(i, j)))),
    rowTotals: rowRange.map((i) => itemAt(shown, rowTotal(i))),
    columnTotals: colRange.map((j) => itemAt(shown, columnTotal(j))),
    total: itemAt(shown, total),
  };
}

/** A question's counts per axis value and its answerers, as its own results publish them. */
function publishedCounts(
  results: SurveyResults,
  id: string,
): { counts: ShownCount[]; answered: ShownCount } | undefined {
  const q = results.questions.find((question) => question.id === id);
  if (!q) return undefined;
  if (q.type === "single_choice" || q.type === "multiple_choice")
    return { counts: q.options.map((o) => o.count), answered: q.answered };
  if (q.type === "rating" || q.type === "nps" || q.type === "number")
    return { counts: q.distribution.map((d) => d.count), answered: q.answered };
  return undefined;
}

const transpose = (t: CrossTab): CrossTab => ({
  x: t.y,
  y: t.x,
  cells: t.y.values.map((_, j) => t.x.values.map((_, i) => t.cells[i]?.[j] ?? null)),
  rowTotals: t.columnTotals,
  columnTotals: t.rowTotals,
  total: t.total,
});

type Text = (t: Parameters<typeof localize>[0]) => string;

/**
 * The values a question's answers take as rows or columns, with the key each has in the
 * database's counts, or undefined when the question cannot be cross-tabulated.
 */
async function axisValues(db: Sql, slug: string, q: SurveyQuestion, text: Text, other: string, k: number) {
  if (q.type === "single_choice" || q.type === "multiple_choice") {
    const values = q.options.map((o) => ({ id: o.id, label: text(o.label) }));
    if (q.other) values.push({ id: OTHER_OPTION, label: other });
    return { values, keys: values.map((v) => v.id) };
  }
  if (q.type === "rating" || q.type === "nps") {
    const [lo, hi] = q.type === "nps" ? [0, 10] : [q.min, q.max];
    const values = Array.from({ length: hi - lo + 1 }, (_, i) => ({ id: String(lo + i), label: String(lo + i) }));
    return { values, keys: values.map((v) => v.id) };
  }
  if (q.type === "number") {
    const axis = await numberAxis(db, slug, q.id, q.integer, k);
    if (!axis) return { values: [], keys: [] };
    const bins = axis.labels.map((label, i) => ({ id: String(axis.edges[i]), label }));
    return { values: bins, keys: bins.map((_, i) => String(i)), edges: axis.edges };
  }
  return undefined;
}

/** Whether a question can be a row or a column of a cross-tab. */
export const crossTabulable = (q: SurveyQuestion) =>
  ["single_choice", "multiple_choice", "rating", "nps", "number"].includes(q.type);

import { crossTabCounts, type Sql } from "@agora/db";
import { localize, OTHER_OPTION, type SurveyDefinition, type SurveyQuestion } from "@agora/schemas";
import { numberAxis } from "./number-axis.ts";
import { otherLabel } from "./result-data.ts";
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
}

/**
 * Respondents by their answers to two closed questions (a choice, a rating, an NPS, or a number
 * in the bins its chart shows), among those who answered both, suppressed like every other
 * table. A multiple choice counts a person once per option chosen, so its cells do not add up
 * to the totals: only the sums that hold become lines for secondary suppression.
 */
export async function crossTab({ ctx, input }: { ctx: { db: Sql }; input: CrossTabInput }): Promise<CrossTabResult> {
  const { definition } = input;
  const fallback = definition.languages[0]!;
  const text = (t: Parameters<typeof localize>[0]) => localize(t, input.lang, fallback);
  const axes: (CrossTabAxis & { keys: string[]; edges?: number[] })[] = [];
  for (const param of ["x", "y"] as const) {
    const q = definition.questions.find((question) => question.id === input[param]);
    if (!q) return { ok: false, param, message: `${param}: "${input[param]}" is not a question of this survey` };
    const values = await axisValues(ctx.db, definition.slug, q, text, otherLabel(input.lang), definition.results.min_group_size);
    if (!values) return { ok: false, param, message: `${param}: "${q.id}" is a ${q.type.replace("_", " ")} question; cross-tabs take choice, rating, NPS and number questions` };
    axes.push({ id: q.id, title: text(q.title), ...values });
  }
  const [xAxis, yAxis] = axes as [(typeof axes)[number], (typeof axes)[number]];
  if (xAxis.id === yAxis.id) return { ok: false, param: "y", message: "y: must be another question than x" };
  const x: CrossTabAxis = { id: xAxis.id, title: xAxis.title, values: xAxis.values };
  const y: CrossTabAxis = { id: yAxis.id, title: yAxis.title, values: yAxis.values };

  const single = (q: string) => definition.questions.find((d) => d.id === q)?.type !== "multiple_choice";
  const rows = await crossTabCounts(
    ctx.db,
    definition.slug,
    { question: x.id, edges: xAxis.edges, multiple: !single(x.id) },
    { question: y.id, edges: yAxis.edges, multiple: !single(y.id) },
  );
  const xi = new Map(xAxis.keys.map((key, i) => [key, i]));
  const yi = new Map(yAxis.keys.map((key, j) => [key, j]));
  const [nx, ny] = [x.values.length, y.values.length];
  // Layout of the counts: cells row by row, then the row totals, the column totals, the total.
  const counts = new Array<number>(nx * ny + nx + ny + 1).fill(0);
  for (const row of rows) {
    const i = row.x === null ? undefined : xi.get(row.x);
    const j = row.y === null ? undefined : yi.get(row.y);
    if (row.x !== null && i === undefined) continue;
    if (row.y !== null && j === undefined) continue;
    if (i !== undefined && j !== undefined) counts[i * ny + j] = row.n;
    else if (i !== undefined) counts[nx * ny + i] = row.n;
    else if (j !== undefined) counts[nx * ny + nx + j] = row.n;
    else counts[counts.length - 1] = row.n;
  }
  const rowRange = x.values.map((_, i) => i);
  const colRange = y.values.map((_, j) => j);
  const lines: SumLine[] = [];
  if (single(y.id)) {
    lines.push(...rowRange.map((i) => ({ parts: colRange.map((j) => i * ny + j), total: nx * ny + i })));
    lines.push({ parts: colRange.map((j) => nx * ny + nx + j), total: counts.length - 1 });
  }
  if (single(x.id)) {
    lines.push(...colRange.map((j) => ({ parts: rowRange.map((i) => i * ny + j), total: nx * ny + nx + j })));
    lines.push({ parts: rowRange.map((i) => nx * ny + i), total: counts.length - 1 });
  }
  const shown = showCounts(counts, suppressCounts({ counts, lines }, definition.results.min_group_size));
  return {
    ok: true,
    crossTab: {
      x,
      y,
      cells: rowRange.map((i) => colRange.map((j) => shown[i * ny + j]!)),
      rowTotals: rowRange.map((i) => shown[nx * ny + i]!),
      columnTotals: colRange.map((j) => shown[nx * ny + nx + j]!),
      total: shown.at(-1)!,
    },
  };
}

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
export const crossTabulable = (q: SurveyQuestion) => ["single_choice", "multiple_choice", "rating", "nps", "number"].includes(q.type);

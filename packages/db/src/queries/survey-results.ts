import type { Sql } from "../sql.ts";

// Results read the counts that migration 0008's triggers keep as answers are stored: a few
// thousand rows, however many answers there are. Only a cross-tab, which pairs two answers of
// one response, reads the responses themselves. JIT compilation is switched off for that
// statement: at this size it costs more (up to a second) than the query.

const withoutJit = <T>(sql: Sql, work: (tx: Sql) => Promise<T>): Promise<T> =>
  sql.transaction(async (tx) => {
    await tx.query("set local jit = off");
    return work(tx);
  });

export async function countSurveyResponses(sql: Sql, slug: string): Promise<number> {
  const rows = await sql.query<{ n: number }>(
    "select count(*)::int as n from agora_survey_response where survey_slug = $1",
    [slug],
  );
  return rows[0]?.n ?? 0;
}

/** Answers per day (`YYYY-MM-DD`, UTC, the only time an answer keeps), in order of days; days without one are absent. */
export async function countResponsesByDay(sql: Sql, slug: string): Promise<{ day: string; n: number }[]> {
  // The day as text: drivers turn a date into a local midnight, which shifts it in some zones.
  return sql.query<{ day: string; n: number }>(
    "select day::text as day, count(*)::int as n from agora_survey_response where survey_slug = $1 group by day order by day",
    [slug],
  );
}

export interface AnswerValueCount {
  question: string;
  /** The stored answer as it is: an option id, a number, the ids of a multiple choice or a ranking, likert rows. */
  value: unknown;
  n: number;
}

/**
 * How many answers hold each distinct value, for the given questions. A multiple choice or a
 * ranking is counted as the whole list, which the caller splits: the lists that occur are few
 * beside the answers.
 */
export async function countAnswerValues(
  sql: Sql,
  slug: string,
  questionIds: readonly string[],
): Promise<AnswerValueCount[]> {
  if (!questionIds.length) return [];
  return sql.query<AnswerValueCount>(
    `select question, value, n from agora_survey_answer_count
     where survey_slug = $1 and kind = 'answer' and question = any($2::text[])`,
    [slug, questionIds],
  );
}

export interface NumberAnswerStats {
  question: string;
  n: number;
  mean: number;
  median: number;
  min: number;
  max: number;
}

/**
 * Count, mean, median and range of the numeric answers to each given question, from the counts
 * per value. The median is the value at the middle rank, or the mean of the two middle ones.
 */
export async function numberAnswerStats(
  sql: Sql,
  slug: string,
  questionIds: readonly string[],
): Promise<NumberAnswerStats[]> {
  if (!questionIds.length) return [];
  return sql.query<NumberAnswerStats>(
    `with counted as (
       select question, (value #>> '{}')::float8 as x, n,
              sum(n) over (partition by question order by (value #>> '{}')::float8) as upto,
              sum(n) over (partition by question) as total
       from agora_survey_answer_count
       where survey_slug = $1 and kind = 'answer' and question = any($2::text[]) and jsonb_typeof(value) = 'number'
     )
     select question, max(total)::int as n, (sum(x * n) / max(total))::float8 as mean,
            ((min(x) filter (where upto > (total - 1) / 2)) + (min(x) filter (where upto > total / 2))) / 2 as median,
            min(x) as min, max(x) as max
     from counted group by question`,
    [slug, questionIds],
  );
}

/**
 * The numeric answers to one question counted into bins: bin i holds edges[i] ≤ x < edges[i+1].
 * Values outside the edges are left out, so the edges should span the range.
 */
export async function binNumberAnswers(
  sql: Sql,
  slug: string,
  questionId: string,
  edges: readonly number[],
): Promise<number[]> {
  const rows = await sql.query<{ bucket: number; n: number }>(
    `select width_bucket((value #>> '{}')::float8, $3::float8[]) as bucket, sum(n)::int as n
     from agora_survey_answer_count
     where survey_slug = $1 and kind = 'answer' and question = $2 and jsonb_typeof(value) = 'number'
     group by 1`,
    [slug, questionId, edges],
  );
  const bins = edges.slice(1).map(() => 0);
  for (const row of rows) if (row.bucket >= 1 && row.bucket < edges.length) bins[row.bucket - 1] = row.n;
  return bins;
}

export interface CrossTabCount {
  /** null in a total over all values of that question. */
  x: string | null;
  y: string | null;
  /** Respondents, each counted once even when a multiple choice puts them in several cells. */
  n: number;
}

export interface CrossTabAxisQuery {
  question: string;
  /** For a number question: its answers are taken by bin (bin i holds edges[i] ≤ x < edges[i+1]), as `String(i)`. */
  edges?: readonly number[];
  /** A multiple choice: one respondent may hold several values. */
  multiple?: boolean;
}

/**
 * Respondents by their answers to two questions, among those who answered both: every pair of
 * values, and the totals per x value, per y value and overall. A single value (an option id or a
 * number) and a list (a multiple choice) are both taken as the values a respondent gave. Totals
 * are sums of cells unless the other question is a list, which puts one respondent in several
 * cells: then they are counted by queries of their own, run beside the cells' query.
 */
export async function crossTabCounts(
  sql: Sql,
  slug: string,
  x: CrossTabAxisQuery,
  y: CrossTabAxisQuery,
): Promise<CrossTabCount[]> {
  const count = (axes: CrossTabAxisQuery[]) => {
    const params: unknown[] = [slug, x.question, y.question];
    const expand = axes.map((axis) => {
      const q = axis === x ? "$2" : "$3";
      const name = axis === x ? "xv" : "yv";
      if (axis.edges)
        return `cross join lateral (select (width_bucket((r.answers ->> ${q})::float8, $${params.push(axis.edges)}::float8[]) - 1)::text) ${name}(v)`;
      return `cross join lateral jsonb_array_elements_text(
        case jsonb_typeof(r.answers -> ${q}) when 'array' then r.answers -> ${q} else jsonb_build_array(r.answers -> ${q}) end) ${name}(v)`;
    });
    const xs = axes.includes(x) ? "xv.v" : "null";
    const ys = axes.includes(y) ? "yv.v" : "null";
    const groups = [xs, ys].filter((g) => g !== "null");
    return withoutJit(sql, (tx) =>
      tx.query<CrossTabCount>(
        `select ${xs} as x, ${ys} as y, count(*)::int as n
         from agora_survey_response r ${expand.join(" ")}
         where r.survey_slug = $1 and r.answers ? $2 and r.answers ? $3
         ${groups.length ? `group by ${groups.join(", ")}` : ""}`,
        params,
      ),
    );
  };
  const [cells, rowTotals, columnTotals, total] = await Promise.all([
    count([x, y]),
    y.multiple ? count([x]) : undefined,
    x.multiple ? count([y]) : undefined,
    x.multiple || y.multiple ? count([]) : undefined,
  ]);
  const sums = (key: "x" | "y") => {
    const by = new Map<string | null, number>();
    for (const c of cells) by.set(c[key], (by.get(c[key]) ?? 0) + c.n);
    return [...by].map(([v, n]) => ({ x: key === "x" ? v : null, y: key === "y" ? v : null, n }));
  };
  return [
    ...cells,
    ...(rowTotals ?? sums("x")),
    ...(columnTotals ?? sums("y")),
    ...(total ?? [{ x: null, y: null, n: cells.reduce((a, c) => a + c.n, 0) }]),
  ];
}

/**
 * Respondents who answered `axis.question` but not `other`, by their answer to the first (a
 * value as crossTabCounts gives it) and in all (value null). A cross-tab counts only those who
 * answered both; beside the question's own results, these are the difference, which the
 * cross-tab's suppression must take into account.
 */
export async function countAnsweredWithout(
  sql: Sql,
  slug: string,
  axis: CrossTabAxisQuery,
  other: string,
): Promise<{ value: string | null; n: number }[]> {
  const params: unknown[] = [slug, axis.question, other];
  const expand = axis.edges
    ? `cross join lateral (select (width_bucket((r.answers ->> $2)::float8, $${params.push(axis.edges)}::float8[]) - 1)::text) xv(v)`
    : `cross join lateral jsonb_array_elements_text(
        case jsonb_typeof(r.answers -> $2) when 'array' then r.answers -> $2 else jsonb_build_array(r.answers -> $2) end) xv(v)`;
  return withoutJit(sql, (tx) =>
    tx.query<{ value: string | null; n: number }>(
      `select xv.v as value, count(distinct r.id)::int as n
       from agora_survey_response r ${expand}
       where r.survey_slug = $1 and r.answers ? $2 and not r.answers ? $3
       group by grouping sets ((xv.v), ())`,
      params,
    ),
  );
}

/** How many answers hold a free text, per question ("other" texts included, under their question). */
export async function countAnswerTexts(sql: Sql, slug: string): Promise<{ question: string; n: number }[]> {
  return sql.query<{ question: string; n: number }>(
    "select question, n from agora_survey_answer_count where survey_slug = $1 and kind = 'text'",
    [slug],
  );
}

export interface AnswerText {
  question: string;
  text: string;
}

/** The free texts of a survey (admins only), ordered by the answers' random ids, which say nothing of time. */
export async function listAnswerTexts(sql: Sql, slug: string): Promise<AnswerText[]> {
  return sql.query<AnswerText>(
    `select e.key as question, e.value as text
     from agora_survey_response r cross join lateral jsonb_each_text(r.texts) e
     where r.survey_slug = $1
     order by r.id, e.key`,
    [slug],
  );
}

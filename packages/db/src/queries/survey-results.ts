import type { Sql } from "../sql.ts";

// Results are counted in the database: 100,000 answers never travel to the process, only the
// few hundred distinct (question, value) pairs do. JIT compilation is switched off for these
// statements: at this size it costs more (up to a second) than the whole query.

const withoutJit = <T>(sql: Sql, work: (tx: Sql) => Promise<T>): Promise<T> =>
  sql.transaction(async (tx) => {
    await tx.query("set local jit = off");
    return work(tx);
  });

export async function countSurveyResponses(sql: Sql, slug: string): Promise<number> {
  const rows = await sql.query<{ n: number }>("select count(*)::int as n from agora_survey_response where survey_slug = $1", [slug]);
  return rows[0]?.n ?? 0;
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
 * beside the answers, and one pass over the rows is what costs.
 */
export async function countAnswerValues(sql: Sql, slug: string, questionIds: readonly string[]): Promise<AnswerValueCount[]> {
  if (!questionIds.length) return [];
  return withoutJit(sql, (tx) =>
    tx.query<AnswerValueCount>(
      `select e.key as question, e.value as value, count(*)::int as n
       from agora_survey_response r cross join lateral jsonb_each(r.answers) e
       where r.survey_slug = $1 and e.key = any($2::text[])
       group by e.key, e.value`,
      [slug, questionIds],
    ),
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

/** Count, mean, median and range of the numeric answers to each given question. */
export async function numberAnswerStats(sql: Sql, slug: string, questionIds: readonly string[]): Promise<NumberAnswerStats[]> {
  if (!questionIds.length) return [];
  return withoutJit(sql, (tx) =>
    tx.query<NumberAnswerStats>(
      `select q.id as question, count(*)::int as n, avg(v.x)::float8 as mean,
              percentile_cont(0.5) within group (order by v.x) as median, min(v.x) as min, max(v.x) as max
       from agora_survey_response r
       cross join unnest($2::text[]) q(id)
       cross join lateral (select (r.answers ->> q.id)::float8 as x) v
       where r.survey_slug = $1 and jsonb_typeof(r.answers -> q.id) = 'number'
       group by q.id`,
      [slug, questionIds],
    ),
  );
}

/**
 * The numeric answers to one question counted into bins: bin i holds edges[i] ≤ x < edges[i+1].
 * Values outside the edges are left out, so the edges should span the range.
 */
export async function binNumberAnswers(sql: Sql, slug: string, questionId: string, edges: readonly number[]): Promise<number[]> {
  const rows = await withoutJit(sql, (tx) =>
    tx.query<{ bucket: number; n: number }>(
      `select width_bucket((answers ->> $2)::float8, $3::float8[]) as bucket, count(*)::int as n
       from agora_survey_response
       where survey_slug = $1 and jsonb_typeof(answers -> $2) = 'number'
       group by 1`,
      [slug, questionId, edges],
    ),
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

/**
 * Respondents by their answers to two questions, among those who answered both: every pair of
 * values, and the totals per x value, per y value and overall. A single value (an option id or a
 * number) and a list (a multiple choice) are both taken as the values a respondent gave.
 */
export async function crossTabCounts(sql: Sql, slug: string, x: string, y: string): Promise<CrossTabCount[]> {
  const values = (q: string) =>
    `cross join lateral jsonb_array_elements_text(
       case jsonb_typeof(r.answers -> ${q}) when 'array' then r.answers -> ${q} else jsonb_build_array(r.answers -> ${q}) end) as`;
  return withoutJit(sql, (tx) =>
    tx.query<CrossTabCount>(
      `select xv.v as x, yv.v as y, count(distinct r.id)::int as n
       from agora_survey_response r
       ${values("$2")} xv(v)
       ${values("$3")} yv(v)
       where r.survey_slug = $1 and r.answers ? $2 and r.answers ? $3
       group by grouping sets ((xv.v, yv.v), (xv.v), (yv.v), ())`,
      [slug, x, y],
    ),
  );
}

/** How many answers hold a free text, per question ("other" texts included, under their question). */
export async function countAnswerTexts(sql: Sql, slug: string): Promise<{ question: string; n: number }[]> {
  return sql.query<{ question: string; n: number }>(
    `select e.key as question, count(*)::int as n
     from agora_survey_response r cross join lateral jsonb_object_keys(r.texts) e(key)
     where r.survey_slug = $1
     group by e.key`,
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

import type { Sql } from "@agora/db";
import type { JobDefinition } from "./define-job.ts";
import { JobPayloadError } from "./errors.ts";

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * The rows pg-boss 12 writes for `insert()`, with every setting taken from the queue's own row
 * (as pg-boss does for a job that names none): the job table routes each row to its queue's
 * partition, and the NOTIFY is pg-boss's channel, sent at commit, so a LISTENing worker wakes at
 * once. `job_now()` is pg-boss's clock. A job whose id is taken is left as it is (`on conflict do
 * nothing`, as pg-boss's `send` with an id). The one row answered says whether the queue exists, so
 * that a missing queue is an error rather than a silently dropped job, and which ids were written.
 */
function insertSql(schema: string): string {
  return `
    with q as (select * from ${schema}.queue where name = $1),
    ins as (
      insert into ${schema}.job (
        id, name, data, priority, start_after, created_on, expire_seconds, deletion_seconds, keep_until,
        retry_limit, retry_delay, retry_backoff, retry_delay_max, policy, dead_letter, heartbeat_seconds
      )
      select j.id, q.name, j.data, 0, ${schema}.job_now(), ${schema}.job_now(), q.expire_seconds, q.deletion_seconds,
        ${schema}.job_now() + q.retention_seconds * interval '1 second',
        q.retry_limit, q.retry_delay, q.retry_backoff, q.retry_delay_max, q.policy, q.dead_letter, q.heartbeat_seconds
      from json_to_recordset($2::text::json) as j (id uuid, data jsonb) cross join q
      on conflict do nothing
      returning id
    ),
    notified as (
      select pg_notify('pgboss_' || left(encode(sha224('${schema}'::bytea), 'hex'), 24), $1)
      from ins where (select notify from q) limit 1
    )
    select (select count(*) from q)::int as queues, coalesce((select json_agg(id) from ins), '[]'::json) as ids
    where (select count(*) from notified) >= 0`;
}

export interface InsertJobsOptions {
  /** PostgreSQL schema of pg-boss's tables, as given to `createJobQueue`. */
  schema?: string;
}

/**
 * Enqueues jobs with plain SQL inside the caller's transaction, without a running pg-boss: for
 * producers that cannot keep a queue process (an edge isolate), and for the intake on Node too,
 * so both write the same rows. The queue must exist (`agora migrate` or a queue's `register`
 * creates it); workers are pg-boss's own. Resolves with the job ids in the order of `items`.
 */
export async function insertJobs<T extends object>(
  tx: Sql,
  definition: JobDefinition<T>,
  items: readonly T[],
  options: InsertJobsOptions = {},
): Promise<string[]> {
  const jobs = items.map((item) => ({ id: crypto.randomUUID(), data: checkedPayload(definition, item) }));
  await writeJobs(tx, definition, jobs, options);
  return jobs.map((job) => job.id);
}

/**
 * Enqueues one job under an id of the caller's, inside the caller's transaction, unless a job with
 * that id is still kept (pg-boss's `send` with an id, in SQL): true when this call wrote it. For
 * messages that must go once however often they are produced (a survey's milestones).
 */
export async function insertJobOnce<T extends object>(
  tx: Sql,
  definition: JobDefinition<T>,
  item: T,
  id: string,
  options: InsertJobsOptions = {},
): Promise<boolean> {
  const written = await writeJobs(tx, definition, [{ id, data: checkedPayload(definition, item) }], options);
  return written.length === 1;
}

function checkedPayload<T extends object>(definition: JobDefinition<T>, item: T): T {
  const parsed = definition.data.safeParse(item);
  if (!parsed.success) throw new JobPayloadError(definition.name, parsed.error);
  return parsed.data;
}

/** Writes the jobs; resolves with the ids written (an id already taken is not). */
async function writeJobs<T extends object>(
  tx: Sql,
  definition: JobDefinition<T>,
  jobs: readonly { id: string; data: T }[],
  options: InsertJobsOptions,
): Promise<string[]> {
  const schema = options.schema ?? "pgboss";
  if (!SCHEMA_NAME.test(schema)) throw new Error(`queue schema "${schema}" must be a plain lower-case identifier`);
  if (!jobs.length) return [];
  const [answer] = await tx.query<{ queues: number; ids: string[] }>(insertSql(schema), [
    definition.name,
    JSON.stringify(jobs),
  ]);
  if (!answer?.queues) {
    throw new Error(
      `job "${definition.name}" has no queue in schema ${schema}: run \`agora migrate\` (or register the job) first`,
    );
  }
  return answer.ids;
}

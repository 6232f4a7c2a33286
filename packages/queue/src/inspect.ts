import type { Sql } from "@agora/db";
import type { PgBoss } from "pg-boss";

/** How many jobs of one kind are in each state; what the status page and `/metrics` show. */
export interface QueueDepth {
  name: string;
  /** Waiting to run, including those scheduled for later. */
  queued: number;
  active: number;
  /** Failed at least once and waiting for their next attempt. */
  retrying: number;
  /** Failed for good and still retained (their copies are the dead letters). */
  failed: number;
  deadLetters: number;
}

export interface DeadLetter {
  id: string;
  /** The job name it failed under. */
  job: string;
  /** Its id there, as `send` returned it. */
  jobId: string | null;
  /** As sent; it may not match the schema any more (that can be why it is here). */
  data: unknown;
  reason: string;
  attempts: number;
  deadLetteredAt: Date;
}

// These read pg-boss's job table directly. Its own counters are refreshed by the monitor pass
// (so they lag by up to a pass and lump retries in with queued jobs) and findJobs() pages oldest
// first; the columns used here are the ones pg-boss 12 documents on JobWithMetadata.

export async function readDepths(boss: PgBoss, db: Sql, schema: string): Promise<QueueDepth[]> {
  const queues = await boss.getQueues();
  const deadLetterNames = new Set(queues.flatMap((q) => (q.deadLetter ? [q.deadLetter] : [])));
  const rows = await db.query<{ name: string; state: string; n: number }>(
    `select name, state::text as state, count(*)::int as n
       from ${schema}.job
      where state in ('created', 'retry', 'active', 'failed')
      group by name, state`,
  );
  const count = (name: string, states: readonly string[]) =>
    rows.filter((r) => r.name === name && states.includes(r.state)).reduce((sum, r) => sum + r.n, 0);
  return (
    queues
      // The scheduler's own queue (`__pgboss__send-it`) is pg-boss's plumbing, not a job of Agora's.
      .filter((q) => !deadLetterNames.has(q.name) && !q.name.startsWith("__pgboss__"))
      .map((q) => ({
        name: q.name,
        queued: count(q.name, ["created"]),
        active: count(q.name, ["active"]),
        retrying: count(q.name, ["retry"]),
        failed: count(q.name, ["failed"]),
        deadLetters: q.deadLetter ? count(q.deadLetter, ["created", "retry", "active", "failed"]) : 0,
      }))
      .sort((a, b) => a.name.localeCompare(b.name))
  );
}

export async function readDeadLetters(
  boss: PgBoss,
  db: Sql,
  schema: string,
  deadLetterName: string | undefined,
  limit: number,
): Promise<DeadLetter[]> {
  const names = deadLetterName
    ? [deadLetterName]
    : (await boss.getQueues()).flatMap((q) => (q.deadLetter ? [q.deadLetter] : []));
  const rows = await db.query<{
    id: string;
    source_name: string | null;
    source_id: string | null;
    data: unknown;
    source_output: unknown;
    source_retry_count: number | null;
    created_on: Date;
  }>(
    `select id, source_name, source_id, data, source_output, source_retry_count, created_on
       from ${schema}.job
      where name = any($1::text[]) and state not in ('completed', 'cancelled')
      order by created_on desc, id
      limit $2`,
    [names, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    job: row.source_name ?? "",
    jobId: row.source_id,
    data: row.data,
    reason: reasonOf(row.source_output),
    attempts: (row.source_retry_count ?? 0) + 1,
    deadLetteredAt: new Date(row.created_on),
  }));
}

/**
 * Our handlers store `{ name, message }`; pg-boss's own failures (a timeout, a lost heartbeat, a
 * shutdown) store `{ value: { message } }` or `{ value: "..." }`.
 */
function reasonOf(output: unknown): string {
  if (output && typeof output === "object") {
    const { message, value } = output as { message?: unknown; value?: unknown };
    if (typeof message === "string") return message;
    if (typeof value === "string") return value;
    if (value && typeof value === "object" && typeof (value as { message?: unknown }).message === "string") {
      return (value as { message: string }).message;
    }
  }
  return output === null || output === undefined ? "unknown" : JSON.stringify(output);
}

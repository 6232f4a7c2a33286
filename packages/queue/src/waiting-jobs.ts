import type { Sql } from "@agora/db";

/** A job not run yet: as sent, and since when it waits. */
export interface WaitingJob {
  /** As sent; read, not validated, since it is only shown. */
  data: unknown;
  queuedAt: Date;
  state: "queued" | "retrying";
}

// Read from pg-boss's job table, as the depths are: pg-boss has no call that pages the jobs of
// one state oldest first with their data, nor one that reads the enqueue times of many ids.

/** The jobs of `name` waiting to run (first attempts and retries), oldest first. */
export async function readWaitingJobs(db: Sql, schema: string, name: string, limit: number): Promise<WaitingJob[]> {
  const rows = await db.query<{ data: unknown; created_on: Date; state: string }>(
    `select data, created_on, state::text as state from ${schema}.job
      where name = $1 and state in ('created', 'retry')
      order by created_on, id limit $2`,
    [name, limit],
  );
  return rows.map((row) => ({
    data: row.data,
    queuedAt: new Date(row.created_on),
    state: row.state === "retry" ? "retrying" : "queued",
  }));
}

/** When each of the jobs was enqueued; ids no longer stored are left out. */
export async function readEnqueuedAt(db: Sql, schema: string, jobIds: readonly string[]): Promise<Map<string, Date>> {
  if (!jobIds.length) return new Map();
  const rows = await db.query<{ id: string; created_on: Date }>(
    `select id, created_on from ${schema}.job where id = any($1::uuid[])`,
    [jobIds],
  );
  return new Map(rows.map((r) => [r.id, new Date(r.created_on)]));
}

import type { Sql } from "@agora/db";
import { notifyJob } from "@agora/queue";

export interface WaitingNotification {
  room: string;
  /** The first line of the body, or what a redaction removes. */
  firstLine: string;
  queuedAt: Date;
  state: "queued" | "retrying";
}

/**
 * The notify jobs not sent yet, oldest first, for the status page: what is waiting while no
 * homeserver is configured. Read from pg-boss's job table, like the queue's own depths, since
 * pg-boss has no call that pages jobs by state newest-or-oldest with their data.
 */
export async function waitingNotifications(db: Sql, { schema = "pgboss", limit = 20 }: { schema?: string; limit?: number } = {}): Promise<WaitingNotification[]> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`queue schema "${schema}" must be a plain lower-case identifier`);
  const rows = await db.query<{ data: Record<string, unknown>; created_on: Date; state: string }>(
    `select data, created_on, state::text as state from ${schema}.job
      where name = $1 and state in ('created', 'retry')
      order by created_on, id limit $2`,
    [notifyJob.name, limit],
  );
  return rows.map((row) => {
    const data = row.data;
    const text = data.action === "redact" ? `(redact ${String(data.target)})` : String(data.body ?? "");
    return {
      room: typeof data.room === "string" ? data.room : "",
      firstLine: (text.split("\n", 1)[0] ?? "").slice(0, 120),
      queuedAt: new Date(row.created_on),
      state: row.state === "retry" ? "retrying" : "queued",
    };
  });
}

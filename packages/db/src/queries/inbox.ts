import { createHash } from "node:crypto";
import type { DeliverySource } from "@agora/schemas";
import type { Sql } from "../sql.ts";

export interface NewDelivery {
  source: DeliverySource;
  /**
   * Same key, same delivery: a redelivery is recognised by it and stored once. Any length: it is
   * stored as its sha256, since it comes from headers the sender chooses and an index row has a
   * size limit.
   */
  dedupeKey: string;
  event: string;
  headers: Record<string, string>;
  body: string;
}

export interface StoredDelivery {
  id: string;
  source: DeliverySource;
  event: string;
  headers: Record<string, string>;
  body: string;
  receivedAt: Date;
  processedAt: Date | null;
  processCount: number;
  outcome: string | null;
}

/** As 0009-inbox-retention hashes the keys stored before it: sha256 of the UTF-8 text, in hex. */
function dedupeDigest(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/**
 * Stores each delivery unless one with its key is there already. Returns, for each input, the
 * new row's id, or null for a duplicate (of an earlier row, or of an earlier input in the batch).
 * Rows are inserted in input order: callers that sort by key get one lock order everywhere.
 */
export async function insertDeliveries(db: Sql, deliveries: readonly NewDelivery[]): Promise<(string | null)[]> {
  if (deliveries.length === 0) return [];
  // One statement for a whole batch. Plain parameters rather than arrays: a body sent inside an
  // array literal must be escaped quote by quote, which costs more than the insert itself.
  const values: unknown[] = [];
  const digested = deliveries.map((d) => ({ d, digest: dedupeDigest(d.dedupeKey) }));
  const tuples = digested.map(({ d, digest }) => {
    const n = values.push(d.source, digest, d.event, JSON.stringify(d.headers), d.body);
    return `($${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}::jsonb, $${n})`;
  });
  const rows = await db.query<{ id: string; source: string; dedupe_key: string }>(
    `insert into agora_inbox (source, dedupe_key, event, headers, body)
     values ${tuples.join(", ")}
     on conflict (source, dedupe_key) do nothing
     returning id, source, dedupe_key`,
    values,
  );
  const keyOf = (source: string, key: string) => `${source}\u0000${key}`;
  const inserted = new Map(rows.map((r) => [keyOf(r.source, r.dedupe_key), r.id]));
  return digested.map(({ d, digest }) => {
    const key = keyOf(d.source, digest);
    const id = inserted.get(key);
    inserted.delete(key);
    return id ?? null;
  });
}

interface InboxRow {
  id: string;
  source: DeliverySource;
  event: string;
  headers: Record<string, string>;
  body: string;
  received_at: Date;
  processed_at: Date | null;
  process_count: number;
  outcome: string | null;
}

function toDelivery(row: InboxRow): StoredDelivery {
  return {
    id: row.id,
    source: row.source,
    event: row.event,
    headers: row.headers,
    body: row.body,
    receivedAt: row.received_at,
    processedAt: row.processed_at,
    processCount: row.process_count,
    outcome: row.outcome,
  };
}

/** Locks the delivery for the rest of the transaction, so two workers never process it at once. */
export async function lockDelivery(tx: Sql, id: string): Promise<StoredDelivery | undefined> {
  const [row] = await tx.query<InboxRow>("select * from agora_inbox where id = $1 for update", [id]);
  return row && toDelivery(row);
}

export async function markProcessed(tx: Sql, id: string, outcome: string): Promise<void> {
  await tx.query(
    `update agora_inbox set processed_at = now(), process_count = process_count + 1, outcome = $2 where id = $1`,
    [id, outcome],
  );
}

export interface DeliverySummary {
  id: string;
  source: DeliverySource;
  event: string;
  receivedAt: Date;
  processedAt: Date | null;
  outcome: string | null;
}

export async function recentDeliveries(db: Sql, limit = 20): Promise<DeliverySummary[]> {
  const rows = await db.query<Omit<InboxRow, "headers" | "body" | "process_count">>(
    `select id, source, event, received_at, processed_at, outcome
       from agora_inbox order by received_at desc limit $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    event: r.event,
    receivedAt: r.received_at,
    processedAt: r.processed_at,
    outcome: r.outcome,
  }));
}

export interface InboxCounts {
  source: DeliverySource;
  stored: number;
  pending: number;
}

export async function inboxCounts(db: Sql): Promise<InboxCounts[]> {
  return db.query<InboxCounts>(
    `select source, count(*)::int as stored, (count(*) filter (where processed_at is null))::int as pending
       from agora_inbox group by source order by source`,
  );
}

/**
 * Deletes up to `limit` deliveries that were final (processed or invalid) more than
 * `olderThanSeconds` ago, oldest first, and says how many went. Small batches, each its own
 * statement, so that a large backlog never holds locks that intake or the worker would wait on;
 * rows a worker has locked are skipped, not waited for.
 */
export async function deleteFinalDeliveries(db: Sql, olderThanSeconds: number, limit: number): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `with doomed as (
       select id from agora_inbox
        where processed_at is not null and processed_at < now() - make_interval(secs => $1)
        order by processed_at limit $2
        for update skip locked
     ), deleted as (
       delete from agora_inbox i using doomed where i.id = doomed.id returning 1
     )
     select count(*)::int as n from deleted`,
    [olderThanSeconds, limit],
  );
  return row?.n ?? 0;
}

export interface InboxSize {
  rows: number;
  pending: number;
  /** The table with its bodies (TOAST) and indexes, as PostgreSQL counts it. */
  bytes: number;
}

export async function inboxSize(db: Sql): Promise<InboxSize> {
  const [row] = await db.query<InboxSize>(
    `select count(*)::int as rows,
            (count(*) filter (where processed_at is null))::int as pending,
            pg_total_relation_size('agora_inbox')::float8 as bytes
       from agora_inbox`,
  );
  return row ?? { rows: 0, pending: 0, bytes: 0 };
}

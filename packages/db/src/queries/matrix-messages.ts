import type { Sql } from "../sql.ts";

export interface MatrixMessage {
  dedupeKey: string;
  roomId: string;
  /** Null while the message is claimed by a digest that has not been confirmed as sent. */
  eventId: string | null;
  sentAt: Date | null;
  /** The digest that carries this low-priority message, if one does. */
  digestKey: string | null;
}

interface MatrixMessageRow {
  dedupe_key: string;
  room_id: string;
  event_id: string | null;
  sent_at: Date | null;
  digest_key: string | null;
}

const toMessage = (r: MatrixMessageRow): MatrixMessage => ({
  dedupeKey: r.dedupe_key,
  roomId: r.room_id,
  eventId: r.event_id,
  sentAt: r.sent_at,
  digestKey: r.digest_key,
});

export async function findMatrixMessages(db: Sql, dedupeKeys: readonly string[]): Promise<Map<string, MatrixMessage>> {
  if (!dedupeKeys.length) return new Map();
  const rows = await db.query<MatrixMessageRow>(
    "select dedupe_key, room_id, event_id, sent_at, digest_key from agora_matrix_message where dedupe_key = any($1::text[])",
    [dedupeKeys],
  );
  return new Map(rows.map((r) => [r.dedupe_key, toMessage(r)]));
}

export async function findMatrixMessage(db: Sql, dedupeKey: string): Promise<MatrixMessage | undefined> {
  return (await findMatrixMessages(db, [dedupeKey])).get(dedupeKey);
}

/**
 * Records the event a dedupe key was sent as. A second record of the same key keeps the first
 * event id: the homeserver answered the same transaction id with the same event anyway.
 */
export async function recordMatrixMessage(
  db: Sql,
  sent: { dedupeKey: string; roomId: string; eventId: string },
): Promise<void> {
  await db.query(
    `insert into agora_matrix_message (dedupe_key, room_id, event_id, sent_at) values ($1, $2, $3, now())
     on conflict (dedupe_key) do update set event_id = excluded.event_id, sent_at = excluded.sent_at
       where agora_matrix_message.event_id is null`,
    [sent.dedupeKey, sent.roomId, sent.eventId],
  );
}

/**
 * Claims low-priority messages for a digest before it is sent, so that a retry after a crash
 * finds them claimed and resends the same digest instead of carrying them in a second one. Call
 * it in the transaction that then stores the digest (`storeDigest`) over the keys it returns:
 * keys already recorded (sent, or claimed by another digest) are left out, and so are keys taken
 * back: their own jobs find that and send nothing.
 */
export async function claimDigestMembers(
  tx: Sql,
  claim: { digestKey: string; roomId: string; members: readonly string[] },
): Promise<string[]> {
  const claimed = await tx.query<{ dedupe_key: string }>(
    `insert into agora_matrix_message (dedupe_key, room_id, digest_key)
     select key, $2, $3 from unnest($1::text[]) as key
      where not exists (select 1 from agora_matrix_taken_back t where t.dedupe_key = key)
        and not exists (select 1 from agora_matrix_withheld w where starts_with(key, w.prefix))
     on conflict (dedupe_key) do nothing
     returning dedupe_key`,
    [claim.members, claim.roomId, claim.digestKey],
  );
  return claimed.map((r) => r.dedupe_key);
}

/** The digest's own row: its body is kept until it is confirmed, for a resend after a crash. */
export async function storeDigest(tx: Sql, digest: { digestKey: string; roomId: string; body: string }): Promise<void> {
  await tx.query(
    `insert into agora_matrix_message (dedupe_key, room_id, digest_key, digest_body) values ($1, $2, $1, $3)
     on conflict (dedupe_key) do nothing`,
    [digest.digestKey, digest.roomId, digest.body],
  );
}

/** The body of a digest claimed earlier and not yet confirmed, for its resend. */
export async function pendingDigestBody(db: Sql, digestKey: string): Promise<string | undefined> {
  const [row] = await db.query<{ digest_body: string | null }>(
    "select digest_body from agora_matrix_message where dedupe_key = $1 and event_id is null",
    [digestKey],
  );
  return row?.digest_body ?? undefined;
}

/** Marks a digest and every message it carries as sent in `eventId`. */
export async function recordDigestSent(db: Sql, digestKey: string, eventId: string): Promise<void> {
  await db.query(
    `update agora_matrix_message set event_id = $2, sent_at = now()
      where digest_key = $1 and event_id is null`,
    [digestKey, eventId],
  );
}

export interface MatrixMessageCounts {
  sent: number;
  lastSentAt: Date | null;
}

export async function matrixMessageCounts(db: Sql): Promise<MatrixMessageCounts> {
  const [row] = await db.query<{ sent: number; last_sent_at: Date | null }>(
    "select count(*)::int as sent, max(sent_at) as last_sent_at from agora_matrix_message where event_id is not null",
  );
  return { sent: row?.sent ?? 0, lastSentAt: row?.last_sent_at ?? null };
}

/**
 * The dedupe keys of the messages sent under a key prefix (`forum:…:post:12:g0:`), for taking
 * back everything said about one thing when only its first key is known: edits, move notices.
 * Digests are left out: they carry other messages too, and cannot be redacted for one of them.
 */
export async function listSentMatrixMessageKeys(db: Sql, prefix: string): Promise<string[]> {
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db.query<{ dedupe_key: string }>(
    `select dedupe_key from agora_matrix_message
      where dedupe_key like $1 escape '\\' and event_id is not null and digest_key is null
      order by sent_at, dedupe_key`,
    [pattern],
  );
  return rows.map((r) => r.dedupe_key);
}

/**
 * Remembers that a message was taken back (redacted, or to be before it is ever sent): a job
 * under that key, or editing that message, sends nothing from now on.
 */
export async function takeBackMatrixMessage(db: Sql, dedupeKey: string): Promise<void> {
  await db.query("insert into agora_matrix_taken_back (dedupe_key) values ($1) on conflict (dedupe_key) do nothing", [
    dedupeKey,
  ]);
}

/** Which of these keys were taken back, or are withheld for now by a prefix (`withholdMatrixMessages`). */
export async function findTakenBackMatrixMessages(db: Sql, dedupeKeys: readonly string[]): Promise<Set<string>> {
  if (!dedupeKeys.length) return new Set();
  const rows = await db.query<{ dedupe_key: string }>(
    `select key as dedupe_key from unnest($1::text[]) as key
      where exists (select 1 from agora_matrix_taken_back t where t.dedupe_key = key)
         or exists (select 1 from agora_matrix_withheld w where starts_with(key, w.prefix))`,
    [dedupeKeys],
  );
  return new Set(rows.map((r) => r.dedupe_key));
}

/**
 * Sends nothing under these key prefixes from now on, whenever it was queued, until
 * `releaseMatrixMessages`: a message queued and not yet sent is not taken back by a redaction
 * of what was sent (which cannot name it), and would go out. Call it in the transaction that
 * enqueues the redactions of what was sent, so that a send in flight meanwhile, which records
 * its event and then looks, redacts itself.
 */
export async function withholdMatrixMessages(db: Sql, prefixes: readonly string[]): Promise<void> {
  await db.query(
    "insert into agora_matrix_withheld (prefix) select unnest($1::text[]) on conflict (prefix) do nothing",
    [prefixes],
  );
}

/** Lets messages under these prefixes go out again; what was withheld meanwhile stays unsent. */
export async function releaseMatrixMessages(db: Sql, prefixes: readonly string[]): Promise<void> {
  await db.query("delete from agora_matrix_withheld where prefix = any($1::text[])", [prefixes]);
}

/**
 * Claims today's ping of each person about a subject (`gitlab:issue:1:23`), in the transaction
 * that enqueues the message: returns those not pinged about it yet on `day`, who may be. The day
 * is a calendar date (`2026-12-04`) in whatever zone the caller counts days.
 */
export async function claimPings(
  tx: Sql,
  claim: { subject: string; userIds: readonly string[]; day: string },
): Promise<string[]> {
  if (!claim.userIds.length) return [];
  const rows = await tx.query<{ user_id: string }>(
    `insert into agora_matrix_ping (user_id, subject, day)
     select unnest($1::text[]), $2, $3::date
     on conflict do nothing
     returning user_id`,
    [[...new Set(claim.userIds)], claim.subject, claim.day],
  );
  const claimed = new Set(rows.map((r) => r.user_id));
  return claim.userIds.filter((id, i) => claimed.has(id) && claim.userIds.indexOf(id) === i);
}

import { createHash } from "node:crypto";
import { claimDigestMembers, findMatrixMessage, pendingDigestBody, recordDigestSent, storeDigest } from "@agora/db";
import type { NotifySend } from "@agora/schemas";
import { callMatrix } from "./call-matrix.ts";
import type { Delivered } from "./deliver-notification.ts";
import type { NotifierContext, NotifyRun } from "./notifier-context.ts";
import { txnIdFor } from "./txn-id.ts";

const firstLine = (body: string) => (body.split("\n", 1)[0] ?? "").trim().slice(0, 200);

export function digestBody(members: readonly NotifySend[]): string {
  return [`${members.length} updates:`, ...members.map((m) => `• ${firstLine(m.body)}`)].join("\n");
}

/**
 * Sends several low-priority messages for one room as one notice listing their first lines.
 * The members are claimed in the database before anything is sent, under a digest key derived
 * from them; a crash after the claim resends that same digest (same txn id) instead of
 * carrying the members again in another one. Members sent or claimed earlier are left out.
 */
export async function deliverDigest({
  ctx,
  input,
  run,
}: {
  ctx: NotifierContext;
  input: NotifySend[];
  run: NotifyRun;
}): Promise<Delivered | undefined> {
  const room = input[0]?.room;
  if (!room) return undefined;
  const access = { room, joined: false };
  const roomId = await callMatrix({ ctx, access, signal: run.signal }, () => ctx.transport.resolveRoom(room));
  const keys = input.map((m) => m.dedupeKey).sort();
  const digestKey = `agora.digest.${createHash("sha256").update(keys.join("\n")).digest("hex")}`;
  const claimed = await ctx.db.transaction(async (tx) => {
    const members = new Set(await claimDigestMembers(tx, { digestKey, roomId, members: keys }));
    if (members.size)
      await storeDigest(tx, { digestKey, roomId, body: digestBody(input.filter((m) => members.has(m.dedupeKey))) });
    return members.size;
  });
  if (!claimed) return undefined;
  ctx.logger.info({ room, messages: claimed }, "sending low-priority messages as one digest");
  return resendDigest({ ctx, input: { digestKey, roomId }, run });
}

/** Sends (or, after a crash, sends again with the same txn id) a digest already claimed. */
export async function resendDigest({
  ctx,
  input,
  run,
}: {
  ctx: NotifierContext;
  input: { digestKey: string; roomId: string };
  run: NotifyRun;
}): Promise<Delivered> {
  const body = await pendingDigestBody(ctx.db, input.digestKey);
  if (body === undefined) {
    // Another member's job finished it in the meantime.
    const digest = await findMatrixMessage(ctx.db, input.digestKey);
    if (!digest?.eventId) throw new Error(`digest ${input.digestKey} is neither pending nor sent`);
    return { eventId: digest.eventId, roomId: digest.roomId, sent: false };
  }
  const access = { room: input.roomId, joined: false };
  await ctx.pacer.take(input.roomId, run.signal);
  const eventId = await callMatrix({ ctx, access, signal: run.signal }, () =>
    ctx.transport.sendEvent(
      input.roomId,
      "m.room.message",
      { msgtype: "m.notice", body, "m.mentions": {} },
      txnIdFor(input.digestKey),
    ),
  );
  await recordDigestSent(ctx.db, input.digestKey, eventId);
  return { eventId, roomId: input.roomId, sent: true };
}

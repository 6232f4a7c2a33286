import { findMatrixMessage, findTakenBackMatrixMessages, recordMatrixMessage, takeBackMatrixMessage } from "@agora/db";
import { PermanentJobError } from "@agora/queue";
import type { NotifyJob, NotifyRedact, NotifySend } from "@agora/schemas";
import { callMatrix, type RoomAccess } from "./call-matrix.ts";
import { resendDigest } from "./deliver-digest.ts";
import { findTarget } from "./find-target.ts";
import { buildMessageContent, type MessageRelations } from "./message-content.ts";
import type { NotifierContext, NotifyRun } from "./notifier-context.ts";
import { txnIdFor } from "./txn-id.ts";

export interface Delivered {
  /** Null when nothing was ever sent: the message was taken back first. */
  eventId: string | null;
  roomId: string | null;
  /** False when the key had been sent before, or taken back, and nothing was sent now. */
  sent: boolean;
}

const notSent: Delivered = { eventId: null, roomId: null, sent: false };

/**
 * Sends one notify job to Matrix, once. The transaction id comes from the dedupe key, so a
 * retry after a crash between sending and recording gets the same event back from the
 * homeserver; once recorded, a job with the same key sends nothing at all.
 */
export async function deliverNotification({
  ctx,
  input,
  run,
}: {
  ctx: NotifierContext;
  input: NotifyJob;
  run: NotifyRun;
}): Promise<Delivered> {
  const earlier = await findMatrixMessage(ctx.db, input.dedupeKey);
  if (earlier?.eventId) return { eventId: earlier.eventId, roomId: earlier.roomId, sent: false };
  // Claimed by a digest that a crash interrupted: finish that digest, with its own txn id.
  if (earlier?.digestKey)
    return resendDigest({ ctx, input: { digestKey: earlier.digestKey, roomId: earlier.roomId }, run });
  return input.action === "redact" ? redact({ ctx, input, run }) : send({ ctx, input, run });
}

/**
 * A message taken back before it went out is never sent, and neither is an edit of, or a reply
 * in the thread of, a message taken back: it would show what was removed, or hang off nothing.
 */
async function send({
  ctx,
  input,
  run,
}: {
  ctx: NotifierContext;
  input: NotifySend;
  run: NotifyRun;
}): Promise<Delivered> {
  const related = [input.dedupeKey, input.replaces, input.threadOf].filter((k): k is string => k !== undefined);
  const takenBack = await findTakenBackMatrixMessages(ctx.db, related);
  if (takenBack.size) {
    ctx.logger.info({ dedupeKey: input.dedupeKey, takenBack: [...takenBack] }, "not sending: taken back");
    return notSent;
  }
  const relations: MessageRelations = {};
  let targetRoom: string | undefined;
  if (input.threadOf) {
    const root = await findTarget({ ctx, run }, { key: input.threadOf, role: "thread root" });
    relations.threadRootEventId = root.eventId;
    targetRoom = root.roomId;
  }
  if (input.replaces) {
    const original = await findTarget({ ctx, run }, { key: input.replaces, role: "message to edit" });
    relations.replacesEventId = original.eventId;
    targetRoom = original.roomId;
  }
  const access: RoomAccess = { room: input.room, joined: false };
  const roomId = await callMatrix({ ctx, access, signal: run.signal }, () => ctx.transport.resolveRoom(input.room));
  if (targetRoom && targetRoom !== roomId) {
    throw new PermanentJobError(
      `${input.room} is not the room of "${input.threadOf ?? input.replaces}" (${targetRoom})`,
    );
  }
  const content = buildMessageContent(input, relations);
  await ctx.pacer.take(roomId, run.signal);
  const eventId = await callMatrix({ ctx, access, signal: run.signal }, () =>
    ctx.transport.sendEvent(roomId, "m.room.message", content, txnIdFor(input.dedupeKey)),
  );
  await recordMatrixMessage(ctx.db, { dedupeKey: input.dedupeKey, roomId, eventId });
  // A redaction that ran while this was in flight found nothing sent to remove; it left the key
  // taken back, and the send takes itself back (recorded first, then looked: one of the two sees the other).
  if ((await findTakenBackMatrixMessages(ctx.db, [input.dedupeKey])).size) {
    await callMatrix({ ctx, access, signal: run.signal }, () =>
      ctx.transport.redactEvent(roomId, eventId, txnIdFor(`${input.dedupeKey}:taken-back`), "taken back"),
    );
    return { eventId, roomId, sent: false };
  }
  return { eventId, roomId, sent: true };
}

/**
 * Removes a message, and remembers its key as taken back first: a message not sent yet is then
 * never sent (its job finds the key), so a redaction with nothing to remove is simply done.
 */
async function redact({
  ctx,
  input,
  run,
}: {
  ctx: NotifierContext;
  input: NotifyRedact;
  run: NotifyRun;
}): Promise<Delivered> {
  await takeBackMatrixMessage(ctx.db, input.target);
  const target = await findMatrixMessage(ctx.db, input.target);
  if (target?.digestKey)
    throw new PermanentJobError(
      `message to redact "${input.target}" went out inside a digest and cannot be changed alone`,
    );
  const targetEvent = target?.eventId;
  if (!target || !targetEvent) {
    ctx.logger.info(
      { dedupeKey: input.dedupeKey, target: input.target },
      "nothing to redact: never sent, and now never will be",
    );
    return notSent;
  }
  const access: RoomAccess = { room: target.roomId, joined: false };
  await ctx.pacer.take(target.roomId, run.signal);
  const eventId = await callMatrix({ ctx, access, signal: run.signal }, () =>
    ctx.transport.redactEvent(target.roomId, targetEvent, txnIdFor(input.dedupeKey), input.reason),
  );
  await recordMatrixMessage(ctx.db, { dedupeKey: input.dedupeKey, roomId: target.roomId, eventId });
  return { eventId, roomId: target.roomId, sent: true };
}

import { findMatrixMessage, recordMatrixMessage } from "@agora/db";
import { PermanentJobError } from "@agora/queue";
import type { NotifyJob, NotifyRedact, NotifySend } from "@agora/schemas";
import { callMatrix, type RoomAccess } from "./call-matrix.ts";
import { resendDigest } from "./deliver-digest.ts";
import { findTarget } from "./find-target.ts";
import { buildMessageContent, type MessageRelations } from "./message-content.ts";
import type { NotifierContext, NotifyRun } from "./notifier-context.ts";
import { txnIdFor } from "./txn-id.ts";

export interface Delivered {
  eventId: string;
  roomId: string;
  /** False when the key had been sent before and nothing was sent now. */
  sent: boolean;
}

/**
 * Sends one notify job to Matrix, once. The transaction id comes from the dedupe key, so a
 * retry after a crash between sending and recording gets the same event back from the
 * homeserver; once recorded, a job with the same key sends nothing at all.
 */
export async function deliverNotification({ ctx, input, run }: { ctx: NotifierContext; input: NotifyJob; run: NotifyRun }): Promise<Delivered> {
  const earlier = await findMatrixMessage(ctx.db, input.dedupeKey);
  if (earlier?.eventId) return { eventId: earlier.eventId, roomId: earlier.roomId, sent: false };
  // Claimed by a digest that a crash interrupted: finish that digest, with its own txn id.
  if (earlier?.digestKey) return resendDigest({ ctx, input: { digestKey: earlier.digestKey, roomId: earlier.roomId }, run });
  return input.action === "redact" ? redact({ ctx, input, run }) : send({ ctx, input, run });
}

async function send({ ctx, input, run }: { ctx: NotifierContext; input: NotifySend; run: NotifyRun }): Promise<Delivered> {
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
    throw new PermanentJobError(`${input.room} is not the room of "${input.threadOf ?? input.replaces}" (${targetRoom})`);
  }
  const content = buildMessageContent(input, relations);
  await ctx.pacer.take(roomId, run.signal);
  const eventId = await callMatrix({ ctx, access, signal: run.signal }, () =>
    ctx.transport.sendEvent(roomId, "m.room.message", content, txnIdFor(input.dedupeKey)),
  );
  await recordMatrixMessage(ctx.db, { dedupeKey: input.dedupeKey, roomId, eventId });
  return { eventId, roomId, sent: true };
}

async function redact({ ctx, input, run }: { ctx: NotifierContext; input: NotifyRedact; run: NotifyRun }): Promise<Delivered> {
  const target = await findTarget({ ctx, run }, { key: input.target, role: "message to redact" });
  const access: RoomAccess = { room: target.roomId, joined: false };
  await ctx.pacer.take(target.roomId, run.signal);
  const eventId = await callMatrix({ ctx, access, signal: run.signal }, () =>
    ctx.transport.redactEvent(target.roomId, target.eventId, txnIdFor(input.dedupeKey), input.reason),
  );
  await recordMatrixMessage(ctx.db, { dedupeKey: input.dedupeKey, roomId: target.roomId, eventId });
  return { eventId, roomId: target.roomId, sent: true };
}

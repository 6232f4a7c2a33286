import { Method, type MatrixClient } from "matrix-js-sdk";
import type { NotifySend } from "@agora/schemas";
import { buildMessageContent } from "../message-content.ts";
import { txnIdFor } from "../txn-id.ts";

/** One answer to one command, handed to the `reply` function the wiring injects. */
export interface BotReply {
  roomId: string;
  /** The command's event id. */
  inReplyTo: string;
  /** Set when the command was written in a thread: the answer goes into that thread. */
  threadRoot?: string;
  body: string;
  html?: string;
  /**
   * Derived from the command's event id and the answer's position, so that reading the same
   * command again (after a crash, before the sync token was saved) produces the same key and
   * the durable queue sends it once.
   */
  dedupeKey: string;
}

export type SendReply = (reply: BotReply) => Promise<void>;

export function replyDedupeKey(roomId: string, eventId: string, index: number): string {
  return `bot-reply:${roomId}:${eventId}:${index}`;
}

/**
 * An answer as a notify job: always a notice (bots speak in notices, and notices never ping),
 * in the command's thread when it has one, else as a rich reply. The wiring enqueues it; the
 * bot's own fallback sender builds the same content from it.
 */
export function replyJob(reply: BotReply): NotifySend {
  return {
    action: "send",
    dedupeKey: reply.dedupeKey,
    room: reply.roomId,
    body: reply.body,
    ...(reply.html === undefined ? {} : { html: reply.html }),
    msgtype: "notice",
    replyTo: { eventId: reply.inReplyTo, ...(reply.threadRoot ? { threadRoot: reply.threadRoot } : {}) },
  };
}

export function replyContent(reply: BotReply): Record<string, unknown> {
  return buildMessageContent(replyJob(reply));
}

/**
 * Sends an answer with the bot's own session. Durable without the queue: the sync token is
 * saved only after every answer of a batch is sent, so a failure reads the batch again, and the
 * homeserver answers a repeated transaction id from the same session with the event it made.
 */
export async function sendWithOwnClient(client: MatrixClient, reply: BotReply): Promise<void> {
  const path = `/rooms/${encodeURIComponent(reply.roomId)}/send/m.room.message/${encodeURIComponent(txnIdFor(reply.dedupeKey))}`;
  await client.http.authedRequest(Method.Put, path, undefined, replyContent(reply), {
    // Not cut short by stop(): an answer under way is let finish.
    abortSignal: AbortSignal.timeout(30_000),
    priority: "auto",
  });
}

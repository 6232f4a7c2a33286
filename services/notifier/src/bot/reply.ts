import { Method, type MatrixClient } from "matrix-js-sdk";
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
 * The event content of a reply: always a notice (bots speak in notices, and notices never
 * ping), in the thread when there is one, else as a rich reply. `m.mentions` is empty so
 * no client turns a name in the text into a ping.
 */
export function replyContent(reply: BotReply): Record<string, unknown> {
  const relation = reply.threadRoot
    ? {
        rel_type: "m.thread",
        event_id: reply.threadRoot,
        // Clients without threads show the answer as a reply to the command.
        is_falling_back: true,
        "m.in_reply_to": { event_id: reply.inReplyTo },
      }
    : { "m.in_reply_to": { event_id: reply.inReplyTo } };
  return {
    msgtype: "m.notice",
    body: reply.body,
    ...(reply.html === undefined ? {} : { format: "org.matrix.custom.html", formatted_body: reply.html }),
    "m.relates_to": relation,
    "m.mentions": {},
  };
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

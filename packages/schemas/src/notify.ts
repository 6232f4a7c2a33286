import { z } from "zod";
import { MatrixRoom, MatrixUserId } from "./matrix-ids.ts";

/**
 * What makes a message unique to its producer (`gitlab:issue:42:opened`): a retried job, a
 * redelivered webhook or a restarted worker with the same key never shows a second message.
 * Other messages refer to it by this key to reply in its thread, edit it or redact it.
 */
export const NotifyDedupeKey = z.string().min(1, "must not be empty").max(255, "is longer than 255 characters");
export type NotifyDedupeKey = z.infer<typeof NotifyDedupeKey>;

// A Matrix event may be at most 65,536 bytes; these bounds leave room for the HTML and the
// relations around the text.
const MAX_BODY = 16_000;
const MAX_HTML = 32_000;

export const NotifySend = z
  .object({
    action: z.literal("send"),
    dedupeKey: NotifyDedupeKey,
    room: MatrixRoom,
    body: z.string().min(1, "must not be empty").max(MAX_BODY, `is longer than ${MAX_BODY} characters`),
    /** Sanitised to the Matrix spec's allowed tags before it is sent. */
    html: z.string().max(MAX_HTML, `is longer than ${MAX_HTML} characters`).optional(),
    /** `notice` (the default) never notifies anyone; `text` pings `mentions`. */
    msgtype: z.enum(["notice", "text"]).optional(),
    mentions: z.array(MatrixUserId).max(50, "names more than 50 people").optional(),
    /** The dedupe key of an earlier message whose thread this replies in. */
    threadOf: NotifyDedupeKey.optional(),
    /** The dedupe key of an earlier message this one replaces (an edit). */
    replaces: NotifyDedupeKey.optional(),
    /**
     * A Matrix event this answers that Agora did not send (a chat command): the message is a
     * reply to it, inside `threadRoot`'s thread when the command was written in a thread.
     */
    replyTo: z
      .object({
        eventId: z.string().regex(/^\$\S+$/, "must be a Matrix event id like $abc"),
        threadRoot: z
          .string()
          .regex(/^\$\S+$/, "must be a Matrix event id like $abc")
          .optional(),
      })
      .optional(),
    /** `low` messages waiting together for one room may go out as one digest. */
    priority: z.enum(["normal", "low"]).optional(),
  })
  .refine((m) => !(m.replyTo && (m.threadOf || m.replaces)), {
    message: "a reply to a chat event cannot also thread under or edit an Agora message",
    path: ["replyTo"],
  })
  .refine((m) => !(m.threadOf && m.replaces), {
    message: "an edit keeps the thread of the message it replaces: give threadOf or replaces, not both",
    path: ["replaces"],
  })
  .refine((m) => !m.mentions?.length || m.msgtype === "text", {
    message: "only a text message pings; a notice with mentions would notify nobody",
    path: ["mentions"],
  });
export type NotifySend = z.infer<typeof NotifySend>;

export const NotifyRedact = z.object({
  action: z.literal("redact"),
  dedupeKey: NotifyDedupeKey,
  /** The dedupe key of the message to remove. */
  target: NotifyDedupeKey,
  reason: z.string().max(500, "is longer than 500 characters").optional(),
});
export type NotifyRedact = z.infer<typeof NotifyRedact>;

/** One message into Matrix, or the removal of one; the notifier is the only sender. */
export const NotifyJob = z.discriminatedUnion("action", [NotifySend, NotifyRedact]);
export type NotifyJob = z.infer<typeof NotifyJob>;

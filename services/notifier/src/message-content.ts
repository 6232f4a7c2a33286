import type { NotifySend } from "@agora/schemas";
import { plainToHtml } from "./plain-to-html.ts";
import { sanitizeMatrixHtml } from "./sanitize-matrix-html.ts";

/** Event ids of the earlier messages a send refers to, looked up by their dedupe keys. */
export interface MessageRelations {
  /** The root of the thread this message replies in. */
  threadRootEventId?: string;
  /** The event this message edits. */
  replacesEventId?: string;
}

type Content = Record<string, unknown>;

function baseContent(job: NotifySend): Content {
  const msgtype = job.msgtype === "text" ? "m.text" : "m.notice";
  const content: Content = { msgtype, body: job.body };
  // A message given as text only, or whose HTML sanitises to nothing, still gets HTML (links,
  // lines), built from its text.
  const given = job.html === undefined ? "" : sanitizeMatrixHtml(job.html).trim();
  const html = given || sanitizeMatrixHtml(plainToHtml(job.body)).trim();
  if (html) {
    content.format = "org.matrix.custom.html";
    content.formatted_body = html;
  }
  // An explicit (possibly empty) m.mentions turns off clients' legacy pings on display names
  // and keywords in the body: only the listed people are notified, and a notice notifies nobody.
  content["m.mentions"] = msgtype === "m.text" && job.mentions?.length ? { user_ids: [...new Set(job.mentions)] } : {};
  return content;
}

/**
 * The `m.room.message` content of a send: a notice or a text with its mentions, a reply in a
 * thread (with the reply fallback older clients show), an edit (`m.replace`), or an answer to a
 * chat event (`replyTo`).
 */
export function buildMessageContent(job: NotifySend, relations: MessageRelations = {}): Content {
  const content = baseContent(job);
  if (relations.replacesEventId) {
    // Clients without edits show the fallback, marked as an edit by the conventional "* ". The
    // edit itself pings nobody again: mentions live in m.new_content, which replaces the original.
    const fallback: Content = { ...content, body: `* ${job.body}`, "m.mentions": {} };
    if (typeof content.formatted_body === "string") fallback.formatted_body = `* ${content.formatted_body}`;
    return {
      ...fallback,
      "m.new_content": content,
      "m.relates_to": { rel_type: "m.replace", event_id: relations.replacesEventId },
    };
  }
  if (job.replyTo) {
    const { eventId, threadRoot } = job.replyTo;
    content["m.relates_to"] = threadRoot
      ? // In the thread, answering the event itself; clients without threads show a reply to it.
        { rel_type: "m.thread", event_id: threadRoot, is_falling_back: false, "m.in_reply_to": { event_id: eventId } }
      : { "m.in_reply_to": { event_id: eventId } };
    return content;
  }
  if (relations.threadRootEventId) {
    content["m.relates_to"] = {
      rel_type: "m.thread",
      event_id: relations.threadRootEventId,
      // Clients without threads show it as a reply to the root.
      is_falling_back: true,
      "m.in_reply_to": { event_id: relations.threadRootEventId },
    };
  }
  return content;
}

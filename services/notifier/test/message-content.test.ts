import type { NotifySend } from "@agora/schemas";
import { describe, expect, it } from "vitest";
import { buildMessageContent } from "../src/message-content.ts";
import { txnIdFor } from "../src/txn-id.ts";

const send = (extra: Partial<NotifySend> = {}): NotifySend => ({
  action: "send",
  dedupeKey: "gitlab:issue:42:opened",
  room: "!kernel:example.org",
  body: "Issue 42 opened",
  ...extra,
});

describe("buildMessageContent", () => {
  it("makes a notice that pings nobody by default", () => {
    expect(buildMessageContent(send())).toEqual({
      msgtype: "m.notice",
      body: "Issue 42 opened",
      format: "org.matrix.custom.html",
      formatted_body: "Issue 42 opened",
      "m.mentions": {},
    });
  });

  it("makes a text that pings exactly the people it mentions, once each", () => {
    const content = buildMessageContent(
      send({ msgtype: "text", mentions: ["@lead:example.org", "@lead:example.org", "@dev:example.org"] }),
    );
    expect(content).toMatchObject({
      msgtype: "m.text",
      body: "Issue 42 opened",
      "m.mentions": { user_ids: ["@lead:example.org", "@dev:example.org"] },
    });
  });

  it("carries sanitised HTML, and the text's own HTML when nothing is left of it", () => {
    expect(buildMessageContent(send({ html: "<b>Issue 42</b><script>x()</script>" }))).toMatchObject({
      format: "org.matrix.custom.html",
      formatted_body: "<b>Issue 42</b>",
    });
    expect(buildMessageContent(send({ html: "<script>x()</script>" }))).toMatchObject({
      formatted_body: "Issue 42 opened",
    });
  });

  it("gives a text-only message HTML: escaped, its links linked, its lines kept", () => {
    const body = "Routed <b> & co.\nhttps://gitlab.example.org/a/b/-/issues/12, see (https://x.org/y).";
    expect(buildMessageContent(send({ body })).formatted_body).toBe(
      'Routed &lt;b&gt; &amp; co.<br /><a href="https://gitlab.example.org/a/b/-/issues/12">https://gitlab.example.org/a/b/-/issues/12</a>, ' +
        'see (<a href="https://x.org/y">https://x.org/y</a>).',
    );
  });

  it("replies in a thread with the reply fallback for clients without threads", () => {
    expect(buildMessageContent(send({ threadOf: "root" }), { threadRootEventId: "$root" })["m.relates_to"]).toEqual({
      rel_type: "m.thread",
      event_id: "$root",
      is_falling_back: true,
      "m.in_reply_to": { event_id: "$root" },
    });
  });

  it("edits with m.replace: new content inside, a starred fallback outside that pings nobody again", () => {
    const content = buildMessageContent(
      send({
        msgtype: "text",
        mentions: ["@lead:example.org"],
        html: "<b>Issue 42</b> closed",
        body: "Issue 42 closed",
        replaces: "k",
      }),
      {
        replacesEventId: "$old",
      },
    );
    expect(content).toEqual({
      msgtype: "m.text",
      body: "* Issue 42 closed",
      format: "org.matrix.custom.html",
      formatted_body: "* <b>Issue 42</b> closed",
      "m.mentions": {},
      "m.new_content": {
        msgtype: "m.text",
        body: "Issue 42 closed",
        format: "org.matrix.custom.html",
        formatted_body: "<b>Issue 42</b> closed",
        "m.mentions": { user_ids: ["@lead:example.org"] },
      },
      "m.relates_to": { rel_type: "m.replace", event_id: "$old" },
    });
  });
});

describe("txnIdFor", () => {
  it("is the same for the same key in any process, different for another key, and URL-safe", () => {
    // A fixed value: a change here would resend every message in flight during an upgrade.
    expect(txnIdFor("gitlab:issue:42:opened")).toBe(txnIdFor("gitlab:issue:42:opened"));
    expect(txnIdFor("a")).toBe("agora.ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
    expect(txnIdFor("gitlab:issue:42:opened")).not.toBe(txnIdFor("gitlab:issue:42:closed"));
    expect(txnIdFor("spaces / and ? marks")).toMatch(/^agora\.[0-9a-f]{64}$/);
  });
});

describe("answers to chat events", () => {
  const answer = (replyTo: { eventId: string; threadRoot?: string }) =>
    buildMessageContent({
      action: "send",
      dedupeKey: "k",
      room: "!r:example.org",
      body: "done",
      msgtype: "notice",
      replyTo,
    });

  it("replies to the event outside a thread", () => {
    expect(answer({ eventId: "$cmd" })["m.relates_to"]).toEqual({ "m.in_reply_to": { event_id: "$cmd" } });
  });

  it("answers inside the command's thread", () => {
    expect(answer({ eventId: "$cmd", threadRoot: "$root" })["m.relates_to"]).toEqual({
      rel_type: "m.thread",
      event_id: "$root",
      is_falling_back: false,
      "m.in_reply_to": { event_id: "$cmd" },
    });
  });
});

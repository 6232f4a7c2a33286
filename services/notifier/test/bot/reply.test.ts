import { describe, expect, it } from "vitest";
import { replyContent } from "../../src/bot/reply.ts";

const base = { roomId: "!room:example.org", inReplyTo: "$cmd", body: "hi", dedupeKey: "k" };

describe("replyContent", () => {
  it("is a notice replying to the command, pinging nobody", () => {
    expect(replyContent(base)).toEqual({
      msgtype: "m.notice",
      body: "hi",
      format: "org.matrix.custom.html",
      formatted_body: "hi",
      "m.relates_to": { "m.in_reply_to": { event_id: "$cmd" } },
      "m.mentions": {},
    });
  });

  it("goes into the command's thread, with HTML when given", () => {
    expect(replyContent({ ...base, threadRoot: "$root", html: "<em>hi</em>" })).toEqual({
      msgtype: "m.notice",
      body: "hi",
      format: "org.matrix.custom.html",
      formatted_body: "<em>hi</em>",
      // A genuine reply to the command inside the thread, so not a fallback (spec: threading, rich replies).
      "m.relates_to": {
        rel_type: "m.thread",
        event_id: "$root",
        is_falling_back: false,
        "m.in_reply_to": { event_id: "$cmd" },
      },
      "m.mentions": {},
    });
  });
});

import { describe, expect, it } from "vitest";
import { NotifyJob } from "../src/index.ts";

const base = {
  action: "send",
  dedupeKey: "gitlab:issue:42:opened",
  room: "#kernel:example.org",
  body: "Issue 42 opened",
} as const;

describe("NotifyJob", () => {
  it("accepts a plain notice, a text with mentions, a thread reply, an edit and a redaction", () => {
    for (const job of [
      base,
      { ...base, msgtype: "text", mentions: ["@lead:example.org"] },
      { ...base, dedupeKey: "k2", threadOf: "gitlab:issue:42:opened" },
      { ...base, dedupeKey: "k3", replaces: "gitlab:issue:42:opened", priority: "low" },
      { action: "redact", dedupeKey: "k4", target: "gitlab:issue:42:opened", reason: "spam" },
    ]) {
      expect(NotifyJob.safeParse(job).error, JSON.stringify(job)).toBeUndefined();
    }
  });

  it("refuses a notice that names people to ping, since a notice never pings", () => {
    const result = NotifyJob.safeParse({ ...base, mentions: ["@lead:example.org"] });
    expect(result.error?.issues[0]).toMatchObject({
      path: ["mentions"],
      message: expect.stringMatching(/only a text message pings/),
    });
  });

  it("accepts an answer to a chat event, in its thread or not, and names a bad event id", () => {
    expect(NotifyJob.safeParse({ ...base, replyTo: { eventId: "$cmd" } }).error).toBeUndefined();
    expect(NotifyJob.safeParse({ ...base, replyTo: { eventId: "$cmd", threadRoot: "$root" } }).error).toBeUndefined();
    expect(NotifyJob.safeParse({ ...base, replyTo: { eventId: "cmd" } }).error?.issues[0]?.path).toEqual([
      "replyTo",
      "eventId",
    ]);
    expect(
      NotifyJob.safeParse({ ...base, replyTo: { eventId: "$cmd" }, threadOf: "a" }).error?.issues[0]?.path,
    ).toEqual(["replyTo"]);
  });

  it("refuses an edit that also names a thread", () => {
    const result = NotifyJob.safeParse({ ...base, threadOf: "a", replaces: "b" });
    expect(result.error?.issues[0]?.path).toEqual(["replaces"]);
  });

  it("names the offending field of a bad room, mention, key or action", () => {
    const paths = (value: unknown) => NotifyJob.safeParse(value).error?.issues.map((i) => i.path.join("."));
    expect(paths({ ...base, room: "kernel" })).toEqual(["room"]);
    expect(paths({ ...base, msgtype: "text", mentions: ["lead"] })).toEqual(["mentions.0"]);
    expect(paths({ ...base, dedupeKey: "" })).toEqual(["dedupeKey"]);
    expect(paths({ action: "redact", dedupeKey: "k" })).toEqual(["target"]);
    expect(paths({ ...base, action: "shout" })).toEqual(["action"]);
  });
});

import { describe, expect, it } from "vitest";
import { commandIn } from "../../src/bot/message-rules.ts";

const BOT = "@agora:example.org";
const ROOM = "!room:example.org";
const message = (content: Record<string, unknown>, sender = "@lead:example.org") => ({
  type: "m.room.message",
  event_id: "$cmd",
  sender,
  content,
});

describe("commandIn", () => {
  it("finds a command in a text message", () => {
    expect(commandIn(message({ msgtype: "m.text", body: "!agora help" }), ROOM, BOT)).toEqual({
      name: "help",
      args: [],
      roomId: ROOM,
      eventId: "$cmd",
      sender: "@lead:example.org",
    });
  });

  it("remembers the thread a command was written in", () => {
    const content = {
      msgtype: "m.text",
      body: "!agora status",
      "m.relates_to": { rel_type: "m.thread", event_id: "$root" },
    };
    expect(commandIn(message(content), ROOM, BOT)).toMatchObject({ name: "status", threadRoot: "$root" });
  });

  it("never answers a notice, which is how bots speak", () => {
    expect(
      commandIn(message({ msgtype: "m.notice", body: "!agora help" }, "@otherbot:example.org"), ROOM, BOT),
    ).toBeUndefined();
  });

  it("never answers its own messages, even as text", () => {
    expect(commandIn(message({ msgtype: "m.text", body: "!agora help" }, BOT), ROOM, BOT)).toBeUndefined();
  });

  it("never answers an edit, which would answer the same command twice", () => {
    const edit = {
      msgtype: "m.text",
      body: "* !agora help",
      "m.new_content": { msgtype: "m.text", body: "!agora help" },
      "m.relates_to": { rel_type: "m.replace", event_id: "$cmd0" },
    };
    expect(commandIn(message(edit), ROOM, BOT)).toBeUndefined();
  });

  it("ignores other event types, emotes, redacted and malformed events", () => {
    expect(
      commandIn({ ...message({ msgtype: "m.text", body: "!agora help" }), type: "m.sticker" }, ROOM, BOT),
    ).toBeUndefined();
    expect(commandIn(message({ msgtype: "m.emote", body: "!agora help" }), ROOM, BOT)).toBeUndefined();
    expect(commandIn(message({}), ROOM, BOT)).toBeUndefined();
    expect(
      commandIn({ type: "m.room.message", content: { msgtype: "m.text", body: "!agora help" } }, ROOM, BOT),
    ).toBeUndefined();
  });
});

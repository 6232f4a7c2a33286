import { describe, expect, it } from "vitest";
import { readSync } from "../../src/bot/read-sync.ts";
import { syncFilter } from "../../src/bot/sync-filter.ts";

const BOT = "@agora:example.org";

describe("readSync", () => {
  it("reads the token, each invite's inviter and the joined rooms' timelines", () => {
    const answer = {
      next_batch: "s72_1",
      presence: { events: [] },
      rooms: {
        invite: {
          "!a:example.org": {
            invite_state: {
              events: [
                { type: "m.room.name", state_key: "", sender: "@x:example.org", content: { name: "A" } },
                {
                  type: "m.room.member",
                  state_key: "@lead:example.org",
                  sender: "@lead:example.org",
                  content: { membership: "join" },
                },
                {
                  type: "m.room.member",
                  state_key: BOT,
                  sender: "@lead:example.org",
                  content: { membership: "invite" },
                },
              ],
            },
          },
          "!b:example.org": { invite_state: { events: [] } },
        },
        join: {
          "!c:example.org": { timeline: { events: [{ type: "m.room.message", event_id: "$1" }], limited: true } },
          "!d:example.org": {},
        },
      },
    };
    expect(readSync(answer, BOT)).toEqual({
      nextBatch: "s72_1",
      invites: [
        { roomId: "!a:example.org", inviter: "@lead:example.org" },
        { roomId: "!b:example.org", inviter: undefined },
      ],
      timelines: [
        { roomId: "!c:example.org", events: [{ type: "m.room.message", event_id: "$1" }], limited: true },
        { roomId: "!d:example.org", events: [], limited: false },
      ],
    });
  });

  it("refuses an answer without a token rather than losing its place", () => {
    expect(() => readSync({ rooms: {} }, BOT)).toThrow("next_batch");
  });
});

describe("syncFilter", () => {
  it("asks for messages only, no presence, receipts, typing or account data", () => {
    const filter = syncFilter(50) as { room: { timeline: unknown; ephemeral: unknown }; presence: unknown };
    expect(filter.room.timeline).toEqual({ types: ["m.room.message"], limit: 50, lazy_load_members: true });
    expect(filter.room.ephemeral).toEqual({ types: [] });
    expect(filter.presence).toEqual({ types: [] });
  });
});

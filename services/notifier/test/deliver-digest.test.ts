import { findMatrixMessages, withholdMatrixMessages } from "@agora/db";
import { dialects, freshDatabase, type TestDatabase } from "@agora/db/testing";
import type { NotifySend } from "@agora/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDigest, deliverNotification } from "../src/index.ts";
import { testContext, uniqueKey, uniqueRoom } from "./context.ts";
import { createFakeTransport } from "./fake-transport.ts";

describe.each(dialects)("digests on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(dialect);
  });
  afterAll(() => t.drop());

  function setUp() {
    const fake = createFakeTransport();
    const room = fake.addRoom(uniqueRoom());
    const ctx = testContext(t.db, fake.transport);
    const low = (body: string): NotifySend => ({
      action: "send",
      dedupeKey: uniqueKey("low"),
      room,
      body,
      priority: "low",
    });
    return { fake, room, ctx, low };
  }

  it("sends waiting low-priority messages as one notice of their first lines, recorded for each", async () => {
    const { fake, room, ctx, low } = setUp();
    const members = [low("Topic A created\nbody"), low("Topic B created"), low("Topic C created")];
    const digest = await deliverDigest({ ctx, input: members, run: { attempt: 1 } });
    expect(fake.inRoom(room).map((e) => e.content)).toEqual([
      {
        msgtype: "m.notice",
        body: "3 updates:\n• Topic A created\n• Topic B created\n• Topic C created",
        "m.mentions": {},
      },
    ]);
    const recorded = await findMatrixMessages(
      t.db,
      members.map((m) => m.dedupeKey),
    );
    expect([...recorded.values()].map((m) => m.eventId)).toEqual([digest?.eventId, digest?.eventId, digest?.eventId]);
    // Each member's own job then finds itself sent.
    expect(await deliverNotification({ ctx, input: members[1]!, run: { attempt: 1 } })).toMatchObject({
      eventId: digest?.eventId,
      sent: false,
    });
    expect(fake.inRoom(room)).toHaveLength(1);
  });

  it("after a failure between claiming and sending, a member's retry sends that same digest once", async () => {
    const { fake, room, ctx, low } = setUp();
    const members = [low("one"), low("two"), low("three")];
    fake.failNext("sendEvent", { kind: "transient", reason: "connection reset" }, 3);
    await expect(deliverDigest({ ctx, input: members, run: { attempt: 1 } })).rejects.toThrow(/connection reset/);
    // The retry of the second member comes alone, in another batch: it must not send "two" on its own.
    const again = await deliverNotification({ ctx, input: members[1]!, run: { attempt: 2 } });
    expect(fake.inRoom(room).map((e) => e.content.body)).toEqual(["3 updates:\n• one\n• two\n• three"]);
    expect(await deliverNotification({ ctx, input: members[2]!, run: { attempt: 2 } })).toMatchObject({
      eventId: again.eventId,
      sent: false,
    });
    // A later digest over the same members claims nothing and sends nothing.
    expect(await deliverDigest({ ctx, input: members, run: { attempt: 1 } })).toBeUndefined();
    expect(fake.inRoom(room)).toHaveLength(1);
  });

  it("leaves a message taken back out of a digest", async () => {
    const { fake, room, ctx, low } = setUp();
    const members = [low("kept one"), low("deleted on the forum"), low("kept two")];
    await deliverNotification({
      ctx,
      input: { action: "redact", dedupeKey: uniqueKey("r"), target: members[1]!.dedupeKey },
      run: { attempt: 1 },
    });
    await deliverDigest({ ctx, input: members, run: { attempt: 1 } });
    expect(await deliverNotification({ ctx, input: members[1]!, run: { attempt: 1 } })).toMatchObject({
      sent: false,
      eventId: null,
    });
    expect(fake.inRoom(room).map((e) => e.content.body)).toEqual(["2 updates:\n• kept one\n• kept two"]);
  });

  it("leaves a message under a withheld prefix out of a digest", async () => {
    const { fake, room, ctx, low } = setUp();
    const prefix = `${uniqueKey("project")}:`;
    const members = [
      low("kept one"),
      { ...low("a private project's push"), dedupeKey: `${prefix}push:1` },
      low("kept two"),
    ];
    await withholdMatrixMessages(t.db, [prefix]);
    await deliverDigest({ ctx, input: members, run: { attempt: 1 } });
    expect(await deliverNotification({ ctx, input: members[1]!, run: { attempt: 1 } })).toMatchObject({
      sent: false,
      eventId: null,
    });
    expect(fake.inRoom(room).map((e) => e.content.body)).toEqual(["2 updates:\n• kept one\n• kept two"]);
  });
});

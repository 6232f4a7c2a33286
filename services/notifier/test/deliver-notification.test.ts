import { findMatrixMessage, releaseMatrixMessages, withholdMatrixMessages } from "@agora/db";
import { dialects, freshDatabase, type TestDatabase } from "@agora/db/testing";
import { MatrixCallError } from "@agora/matrix";
import { PermanentJobError } from "@agora/queue";
import type { NotifyJob, NotifySend } from "@agora/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverNotification, txnIdFor } from "../src/index.ts";
import { testContext, uniqueKey, uniqueRoom } from "./context.ts";
import { createFakeTransport } from "./fake-transport.ts";

const first = { attempt: 1 };

describe.each(dialects)("deliverNotification on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(dialect);
  });
  afterAll(() => t.drop());

  function setUp(standing: "joined" | "invited" | "public" | "closed" = "joined") {
    const fake = createFakeTransport();
    const room = fake.addRoom(uniqueRoom(), standing);
    const ctx = testContext(t.db, fake.transport);
    const notice = (extra: Partial<NotifySend> = {}): NotifySend => ({
      action: "send",
      dedupeKey: uniqueKey("n"),
      room,
      body: "Issue 42 opened",
      ...extra,
    });
    return { fake, room, ctx, notice };
  }

  it("sends a notice once, however often its job runs, and records its event", async () => {
    const { fake, room, ctx, notice } = setUp();
    const job = notice();
    const a = await deliverNotification({ ctx, input: job, run: first });
    const b = await deliverNotification({ ctx, input: job, run: { attempt: 2 } });
    expect(a).toEqual({ eventId: fake.events[0]?.eventId, roomId: room, sent: true });
    expect(b).toEqual({ ...a, sent: false });
    expect(fake.inRoom(room)).toHaveLength(1);
    expect(fake.events[0]).toMatchObject({
      type: "m.room.message",
      txnId: txnIdFor(job.dedupeKey),
      content: { msgtype: "m.notice", body: "Issue 42 opened" },
    });
    expect(await findMatrixMessage(t.db, job.dedupeKey)).toMatchObject({ roomId: room, eventId: a.eventId });
  });

  it("gets the same event back after a crash between sending and recording", async () => {
    const { fake, room, ctx, notice } = setUp();
    const job = notice();
    // The earlier attempt reached the homeserver, then the worker died before recording it.
    const earlier = await fake.transport.sendEvent(
      room,
      "m.room.message",
      { msgtype: "m.notice", body: job.body },
      txnIdFor(job.dedupeKey),
    );
    const result = await deliverNotification({ ctx, input: job, run: { attempt: 2 } });
    expect(result.eventId).toBe(earlier);
    expect(fake.inRoom(room)).toHaveLength(1);
  });

  it("replies in the thread of, edits and redacts earlier messages found by their keys", async () => {
    const { fake, room, ctx, notice } = setUp();
    const root = notice();
    const rootEvent = (await deliverNotification({ ctx, input: root, run: first })).eventId;
    await deliverNotification({ ctx, input: notice({ body: "a comment", threadOf: root.dedupeKey }), run: first });
    await deliverNotification({
      ctx,
      input: notice({ body: "Issue 42 closed", replaces: root.dedupeKey }),
      run: first,
    });
    const redaction: NotifyJob = {
      action: "redact",
      dedupeKey: uniqueKey("r"),
      target: root.dedupeKey,
      reason: "posted by mistake",
    };
    const removed = await deliverNotification({ ctx, input: redaction, run: first });
    const [, reply, edit, redact] = fake.inRoom(room);
    expect(reply?.content["m.relates_to"]).toMatchObject({
      rel_type: "m.thread",
      event_id: rootEvent,
      "m.in_reply_to": { event_id: rootEvent },
    });
    expect(edit?.content).toMatchObject({
      body: "* Issue 42 closed",
      "m.relates_to": { rel_type: "m.replace", event_id: rootEvent },
    });
    expect(redact).toMatchObject({
      type: "m.room.redaction",
      eventId: removed.eventId,
      content: { redacts: rootEvent, reason: "posted by mistake" },
    });
  });

  it("retries while a target is missing, then dead-letters naming it", async () => {
    const { fake, ctx, notice } = setUp();
    const job = notice({ threadOf: "never-sent" });
    const error = await deliverNotification({ ctx, input: job, run: first }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentJobError);
    await expect(deliverNotification({ ctx, input: job, run: { attempt: 4 } })).rejects.toThrow(
      new PermanentJobError('thread root "never-sent" was never sent (looked 4 times)'),
    );
    expect(fake.events).toHaveLength(0);
  });

  it("takes back a message not sent yet: the redaction is done at once, and the message, its edits and replies never go out", async () => {
    const { fake, ctx, notice } = setUp();
    const original = notice({ body: "my password is hunter2" });
    const redaction: NotifyJob = { action: "redact", dedupeKey: uniqueKey("r"), target: original.dedupeKey };
    expect(await deliverNotification({ ctx, input: redaction, run: first })).toEqual({
      eventId: null,
      roomId: null,
      sent: false,
    });
    // A retry of the redaction is as quiet: nothing waits, nothing dead-letters.
    expect(await deliverNotification({ ctx, input: redaction, run: { attempt: 2 } })).toMatchObject({ sent: false });
    for (const job of [
      original,
      notice({ replaces: original.dedupeKey, body: "still hunter2" }),
      notice({ threadOf: original.dedupeKey }),
    ]) {
      expect(await deliverNotification({ ctx, input: job, run: first })).toEqual({
        eventId: null,
        roomId: null,
        sent: false,
      });
    }
    expect(fake.events).toHaveLength(0);
    expect(await findMatrixMessage(t.db, original.dedupeKey)).toBeUndefined();
  });

  it("sends no edit of a message already redacted, whenever the edit's job runs", async () => {
    const { fake, room, ctx, notice } = setUp();
    const original = notice();
    await deliverNotification({ ctx, input: original, run: first });
    await deliverNotification({
      ctx,
      input: { action: "redact", dedupeKey: uniqueKey("r"), target: original.dedupeKey },
      run: first,
    });
    const late = notice({ replaces: original.dedupeKey, body: "the edited text" });
    expect(await deliverNotification({ ctx, input: late, run: { attempt: 3 } })).toMatchObject({ sent: false });
    expect(fake.inRoom(room).map((e) => e.type)).toEqual(["m.room.message", "m.room.redaction"]);
  });

  it("takes back a message whose redaction ran while it was being sent", async () => {
    const { fake, room, notice } = setUp();
    const original = notice({ body: "deleted on the forum meanwhile" });
    const redaction: NotifyJob = { action: "redact", dedupeKey: uniqueKey("r"), target: original.dedupeKey };
    // The redaction runs (in another worker) after the homeserver took the message, before it is recorded.
    const racing = testContext(t.db, {
      ...fake.transport,
      async sendEvent(...args) {
        const eventId = await fake.transport.sendEvent(...args);
        expect(
          await deliverNotification({ ctx: testContext(t.db, fake.transport), input: redaction, run: first }),
        ).toMatchObject({ sent: false });
        return eventId;
      },
    });
    const result = await deliverNotification({ ctx: racing, input: original, run: first });
    expect(result).toMatchObject({ sent: false });
    const [message, redact] = fake.inRoom(room);
    expect(redact).toMatchObject({ type: "m.room.redaction", content: { redacts: message?.eventId } });
    expect(result.eventId).toBe(message?.eventId);
  });

  it("sends nothing under a withheld prefix, queued before or after, a send in flight taking itself back; released, sends again", async () => {
    const { fake, room, ctx, notice } = setUp();
    const prefix = `${uniqueKey("project")}:`;
    const queued = notice({ dedupeKey: `${prefix}issue:1:open`, body: "a private project's issue" });
    const other = notice();
    await withholdMatrixMessages(t.db, [prefix]);
    expect(await deliverNotification({ ctx, input: queued, run: first })).toEqual({
      eventId: null,
      roomId: null,
      sent: false,
    });
    expect(await deliverNotification({ ctx, input: other, run: first })).toMatchObject({ sent: true });
    // Withheld while it was being sent: the homeserver took it, then the send finds the prefix and takes it back.
    const inFlight = notice({ dedupeKey: `${prefix}issue:2:open` });
    await releaseMatrixMessages(t.db, [prefix]);
    const racing = testContext(t.db, {
      ...fake.transport,
      async sendEvent(...args) {
        const eventId = await fake.transport.sendEvent(...args);
        await withholdMatrixMessages(t.db, [prefix]);
        return eventId;
      },
    });
    expect(await deliverNotification({ ctx: racing, input: inFlight, run: first })).toMatchObject({ sent: false });
    expect(fake.inRoom(room).map((e) => e.type)).toEqual(["m.room.message", "m.room.message", "m.room.redaction"]);
    // Released (the project public again): what comes now goes out.
    await releaseMatrixMessages(t.db, [prefix]);
    expect(
      await deliverNotification({ ctx, input: notice({ dedupeKey: `${prefix}issue:3:open` }), run: first }),
    ).toMatchObject({ sent: true });
  });

  it("waits out a short rate limit in the handler, and hands a long one back to the queue", async () => {
    const { fake, room, ctx, notice } = setUp();
    fake.failNext("sendEvent", { kind: "rate_limited", retryAfterMs: 4000, reason: "M_LIMIT_EXCEEDED" }, 2);
    await deliverNotification({ ctx, input: notice(), run: first });
    expect(ctx.waits).toEqual([4000, 4000]);
    expect(fake.inRoom(room)).toHaveLength(1);

    fake.failNext("sendEvent", { kind: "rate_limited", retryAfterMs: 120_000, reason: "M_LIMIT_EXCEEDED" });
    const error = await deliverNotification({ ctx, input: notice(), run: first }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MatrixCallError);
    expect(error).not.toBeInstanceOf(PermanentJobError);
  });

  it("retries a network error twice in the handler, then throws it for the queue's backoff", async () => {
    const { fake, room, ctx, notice } = setUp();
    fake.failNext("sendEvent", { kind: "transient", reason: "502 Bad Gateway" }, 2);
    await deliverNotification({ ctx, input: notice(), run: first });
    expect(ctx.waits).toEqual([500, 1000]);
    fake.failNext("sendEvent", { kind: "transient", reason: "ECONNREFUSED" }, 3);
    await expect(deliverNotification({ ctx, input: notice(), run: first })).rejects.toThrow(
      new MatrixCallError({ kind: "transient", reason: "ECONNREFUSED" }),
    );
    expect(fake.inRoom(room)).toHaveLength(1);
  });

  it("joins a room it is invited to, once, and sends", async () => {
    const { fake, room, ctx, notice } = setUp("invited");
    await deliverNotification({ ctx, input: notice(), run: first });
    expect(fake.calls.filter((c) => c.method === "joinRoom")).toHaveLength(1);
    expect(fake.inRoom(room)).toHaveLength(1);
  });

  it("dead-letters an unknown room, a room it cannot join and a send still refused after joining", async () => {
    const { fake, ctx, notice } = setUp();
    await expect(
      deliverNotification({ ctx, input: notice({ room: "#nowhere:fake.test" }), run: first }),
    ).rejects.toThrow(new PermanentJobError("#nowhere:fake.test: unknown_room: no room #nowhere:fake.test"));
    const closed = fake.addRoom(uniqueRoom(), "closed");
    await expect(deliverNotification({ ctx, input: notice({ room: closed }), run: first })).rejects.toThrow(
      new PermanentJobError(`${closed}: forbidden: ${closed} is invite-only`),
    );
    const muted = fake.addRoom(uniqueRoom(), "public");
    fake.failNext("sendEvent", { kind: "forbidden", reason: "power level too low" }, 2);
    await expect(deliverNotification({ ctx, input: notice({ room: muted }), run: first })).rejects.toThrow(
      new PermanentJobError(`${muted}: forbidden: power level too low`),
    );
    // Each tried joining exactly once.
    expect(fake.calls.filter((c) => c.method === "joinRoom")).toHaveLength(3);
    expect(fake.events).toHaveLength(0);
  });

  it("refuses to thread or edit across rooms", async () => {
    const { fake, ctx, notice } = setUp();
    const root = notice();
    await deliverNotification({ ctx, input: root, run: first });
    const other = fake.addRoom(uniqueRoom());
    await expect(
      deliverNotification({ ctx, input: notice({ room: other, replaces: root.dedupeKey }), run: first }),
    ).rejects.toBeInstanceOf(PermanentJobError);
  });
});

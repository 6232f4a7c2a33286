import { findMatrixMessages } from "@agora/db";
import { dialects, freshDatabase, type TestDatabase, waitFor } from "@agora/db/testing";
import { createJobQueue, notifyJob, type JobQueue } from "@agora/queue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNotifierWorker, waitingNotifications } from "../src/index.ts";
import { uniqueKey, uniqueRoom } from "./context.ts";
import { createFakeTransport } from "./fake-transport.ts";

describe.each(dialects)("the notifier worker on %s", (dialect) => {
  let t: TestDatabase;
  let queue: JobQueue;
  beforeAll(async () => {
    t = await freshDatabase(dialect);
    queue = createJobQueue({ db: t.db, pollingIntervalSeconds: 0.5, superviseIntervalSeconds: 1 });
    await queue.start();
  });
  afterAll(async () => {
    await queue.stop({ timeoutMs: 1000 });
    await t.drop();
  });

  it("lists waiting jobs, then sends each once in order per room, digests low-priority ones and dead-letters an unknown room", async () => {
    const fake = createFakeTransport();
    const [a, b, c] = [fake.addRoom(uniqueRoom()), fake.addRoom(uniqueRoom()), fake.addRoom(uniqueRoom(), "invited")];
    const keys: Record<string, string[]> = { [a]: [], [b]: [], [c]: [] };
    // Enqueued one by one and interleaved across rooms, before any worker runs: the queue is
    // all there is while no homeserver is configured.
    for (let i = 0; i < 10; i++) {
      for (const room of [a, b]) {
        const dedupeKey = uniqueKey(`burst-${i}`);
        keys[room]!.push(dedupeKey);
        await queue.send(notifyJob, { action: "send", dedupeKey, room, body: `message ${i}\nmore detail` });
      }
    }
    for (let i = 0; i < 4; i++) {
      const dedupeKey = uniqueKey(`low-${i}`);
      keys[c]!.push(dedupeKey);
      await queue.send(notifyJob, {
        action: "send",
        dedupeKey,
        room: c,
        body: `forum digest item ${i}`,
        priority: "low",
      });
    }
    await queue.send(notifyJob, {
      action: "send",
      dedupeKey: uniqueKey("lost"),
      room: "#nowhere:fake.test",
      body: "lost",
    });

    const waiting = await waitingNotifications(queue, { limit: 100 });
    expect(waiting).toHaveLength(25);
    expect(waiting[0]).toMatchObject({ room: a, firstLine: "message 0", state: "queued" });
    expect(waiting[0]!.queuedAt).toBeInstanceOf(Date);

    await startNotifierWorker({
      queue,
      db: t.db,
      transport: fake.transport,
      logger: { info() {}, warn() {} },
      pacing: { burst: 3, perSecond: 50 },
      batchSize: 30,
    });

    const [letter] = await waitFor(
      () => queue.deadLetters(notifyJob),
      (letters) => letters.length === 1,
    );
    expect(letter?.reason).toBe("#nowhere:fake.test: unknown_room: no room #nowhere:fake.test");
    await waitFor(
      () => fake.events.length,
      (n) => n >= 21,
    );
    await waitFor(
      async () => (await queue.depths()).find((d) => d.name === notifyJob.name),
      (d) => d?.queued === 0 && d.active === 0,
    );

    for (const room of [a, b]) {
      expect(fake.inRoom(room).map((e) => e.content.body)).toEqual(
        Array.from({ length: 10 }, (_, i) => `message ${i}\nmore detail`),
      );
    }
    // The invited room was joined once; its four low-priority messages went out as one notice.
    const [digest, ...rest] = fake.inRoom(c);
    expect(rest).toEqual([]);
    expect(digest?.content).toMatchObject({
      msgtype: "m.notice",
      body: expect.stringMatching(/^4 updates:\n• forum digest item 0\n/),
    });
    const recorded = await findMatrixMessages(t.db, keys[c]!);
    expect([...recorded.values()].map((m) => m.eventId)).toEqual([
      digest?.eventId,
      digest?.eventId,
      digest?.eventId,
      digest?.eventId,
    ]);
    expect(await waitingNotifications(queue)).toEqual([]);
    expect(fake.events).toHaveLength(21);
  });
});

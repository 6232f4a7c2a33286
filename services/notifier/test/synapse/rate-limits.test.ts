import { findMatrixMessages } from "@agora/db";
import { freshDatabase, type TestDatabase, waitFor } from "@agora/db/testing";
import { createRoom, startSynapse, type RegisteredUser, type TestSynapse } from "@agora/matrix/testing";
import { notifyJob, type JobQueue } from "@agora/queue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventsFrom, joinRoom, startWorker } from "./synapse-helpers.ts";

// Synapse's default rc_message lets the bot send a burst of 10, then 0.2 a second: 50 messages
// (25 to each of two rooms) take about 200 s, 40 of them waiting out a 429. It is the slowest
// test of the suite, and runs beside the others.
const PER_ROOM = 25;

describe("a burst past Synapse's default rate limits", () => {
  let synapse: TestSynapse;
  let t: TestDatabase;
  let queue: JobQueue;
  let bot: RegisteredUser;
  let reader: RegisteredUser;

  beforeAll(async () => {
    [synapse, t] = await Promise.all([startSynapse({ rateLimits: "default" }), freshDatabase("postgres")]);
    [bot, reader] = await Promise.all([synapse.registerUser("paced-bot"), synapse.registerUser("paced-reader")]);
  }, 300_000);
  afterAll(async () => {
    await queue?.stop({ timeoutMs: 2_000 });
    await t?.drop();
    await synapse?.close();
  });

  it("arrives complete, each message once, in order per room", { timeout: 420_000 }, async () => {
    const rooms: string[] = [];
    for (const name of ["kernel", "cloud"]) {
      const roomId = await createRoom(synapse.baseUrl, reader.accessToken, { invite: [bot.userId], name });
      await joinRoom(synapse, bot, roomId);
      rooms.push(roomId);
    }
    // Enqueued one by one as fast as they go, while the worker runs: the first ten pass, the rest
    // meet Synapse's 429 and wait it out in the handler, keeping each room's order.
    queue = await startWorker(synapse, t, bot, { batchSize: 50 });
    const keys: string[] = [];
    for (let i = 0; i < PER_ROOM; i++) {
      for (const [r, room] of rooms.entries()) {
        keys.push(`burst-${r}-${i}`);
        await queue.send(notifyJob, {
          action: "send",
          dedupeKey: `burst-${r}-${i}`,
          room,
          body: `room ${r} message ${i}`,
        });
      }
    }
    const started = Date.now();
    await waitFor(
      async () => [...(await findMatrixMessages(t.db, keys)).values()].filter((m) => m.eventId).length,
      (n) => n === keys.length,
      { what: "every message recorded", timeoutMs: 360_000 },
    );
    const seconds = (Date.now() - started) / 1000;

    for (const [r, room] of rooms.entries()) {
      const bodies = (await eventsFrom(synapse, reader, room, bot.userId)).map((e) => e.content.body);
      expect(bodies).toEqual(Array.from({ length: PER_ROOM }, (_, i) => `room ${r} message ${i}`));
    }
    const depth = (await queue.depths()).find((d) => d.name === notifyJob.name);
    expect(depth).toMatchObject({ queued: 0, active: 0, retrying: 0, deadLetters: 0 });
    // At 0.2/s after a burst of 10, the rest cannot have gone faster than Synapse allows.
    expect(seconds).toBeGreaterThan(((keys.length - 10) / 0.2) * 0.8);
  });
});

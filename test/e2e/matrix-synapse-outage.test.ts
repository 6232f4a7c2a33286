import { matrixMessageCounts } from "@agora/db";
import { freshDatabase, type TestDatabase, waitFor } from "@agora/db/testing";
import { createMatrixTransport } from "@agora/matrix";
import { startSynapse, type TestSynapse } from "@agora/matrix/testing";
import { startNotifierWorker } from "@agora/notifier";
import { createJobQueue, notifyJob, type JobQueue } from "@agora/queue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botAndReader, messageBodies, notExactlyOnce, type BotAndReader } from "./fixtures/matrix-room.ts";

const MESSAGES = 200;
const OUTAGE_MS = 30_000;

describe("the notifier while Synapse is down for 30 s", () => {
  let synapse: TestSynapse;
  let t: TestDatabase;
  let queue: JobQueue;
  let users: BotAndReader;

  beforeAll(async () => {
    [synapse, t] = await Promise.all([startSynapse(), freshDatabase("postgres")]);
    users = await botAndReader(synapse, "outage");
    queue = createJobQueue({ db: t.db, pollingIntervalSeconds: 0.5, superviseIntervalSeconds: 1 });
    await queue.start();
  });
  afterAll(async () => {
    await queue?.stop({ timeoutMs: 2_000 });
    await t?.drop();
    await synapse?.close();
  });

  it("delivers each of 200 messages exactly once after it is back", { timeout: 170_000 }, async () => {
    const transport = await createMatrixTransport({
      baseUrl: synapse.baseUrl,
      accessToken: users.bot.accessToken,
      userId: users.bot.userId,
      requestTimeoutMs: 5_000,
    });
    // Pacing out of the way: the homeserver is the only thing that holds messages back here.
    await startNotifierWorker({
      queue,
      db: t.db,
      transport,
      logger: { info() {}, warn() {} },
      pacing: { burst: 1_000, perSecond: 1_000 },
    });

    const bodies = Array.from({ length: MESSAGES }, (_, i) => `outage message ${i}`);
    // Enqueued at 20/s, as a producer would keep doing through the outage.
    const producing = (async () => {
      for (const [i, body] of bodies.entries()) {
        await queue.send(notifyJob, { action: "send", dedupeKey: `outage-${i}`, room: users.roomId, body });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    await waitFor(
      () => matrixMessageCounts(t.db),
      (c) => c.sent >= 40,
      { what: "some sent before the outage", timeoutMs: 30_000 },
    );
    await synapse.stop();
    const sentBefore = (await matrixMessageCounts(t.db)).sent;
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    const sentDuring = (await matrixMessageCounts(t.db)).sent - sentBefore;
    await synapse.start();
    const backAt = Date.now();
    await producing;

    // The queue's backoff (2 s doubling, 1-2× jitter) puts the last retries at most ~35 s after it is back.
    await waitFor(
      () => matrixMessageCounts(t.db),
      (c) => c.sent === MESSAGES,
      { what: "every message recorded as sent", timeoutMs: 75_000 },
    );
    const recoveredMs = Date.now() - backAt;
    const depth = (await queue.depths()).find((d) => d.name === notifyJob.name);
    expect(depth).toMatchObject({ queued: 0, active: 0, retrying: 0, failed: 0, deadLetters: 0 });

    expect(sentBefore).toBeLessThan(MESSAGES);
    expect(sentDuring).toBe(0);
    const arrived = await messageBodies(synapse.baseUrl, users.reader, users.roomId, users.bot.userId);
    expect(notExactlyOnce(bodies, arrived)).toEqual({});
    expect(arrived).toHaveLength(MESSAGES);
    console.log(
      `outage: ${sentBefore} sent before the stop, all ${MESSAGES} ${(recoveredMs / 1000).toFixed(1)} s after Synapse was back`,
    );
  });
});

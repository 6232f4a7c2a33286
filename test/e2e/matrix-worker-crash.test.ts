import { spawn } from "node:child_process";
import { once } from "node:events";
import { matrixMessageCounts } from "@agora/db";
import { freshDatabase, type TestDatabase, waitFor } from "@agora/db/testing";
import { startSynapse, type TestSynapse } from "@agora/matrix/testing";
import { createJobQueue, notifyJob, type JobQueue } from "@agora/queue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botAndReader, messageBodies, notExactlyOnce, type BotAndReader } from "./fixtures/matrix-room.ts";

const MESSAGES = 100;
const workerScript = new URL("./fixtures/notifier-process.ts", import.meta.url).pathname;

function startWorker(env: Record<string, string>) {
  const child = spawn(process.execPath, [workerScript], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = once(child, "exit").then(([code, signal]) => (signal as string | null) ?? (code as number | null));
  return {
    child,
    exited,
    ready: () =>
      waitFor(
        () => (child.exitCode === null ? output : `exited: ${output}`),
        (o) => o.includes("ready") || o.startsWith("exited"),
        { what: "worker ready", timeoutMs: 30_000 },
      ),
    output: () => output,
  };
}

describe("a notifier worker process killed with SIGKILL", () => {
  let synapse: TestSynapse;
  let t: TestDatabase;
  let producer: JobQueue;
  let users: BotAndReader;

  beforeAll(async () => {
    [synapse, t] = await Promise.all([startSynapse(), freshDatabase("postgres")]);
    users = await botAndReader(synapse, "crash");
    producer = createJobQueue({ db: t.db });
    await producer.start();
  });
  afterAll(async () => {
    await producer?.stop({ timeoutMs: 2_000 });
    await t?.drop();
    await synapse?.close();
  });

  it("loses and repeats none of 100 messages once a fresh worker takes over", { timeout: 150_000 }, async () => {
    const bodies = Array.from({ length: MESSAGES }, (_, i) => `crash message ${i}`);
    await producer.sendMany(
      notifyJob,
      bodies.map((body, i) => ({ action: "send" as const, dedupeKey: `crash-${i}`, room: users.roomId, body })),
    );
    const env = {
      DATABASE_URL: t.url!,
      MATRIX_HOMESERVER_URL: synapse.baseUrl,
      MATRIX_ACCESS_TOKEN: users.bot.accessToken,
      MATRIX_USER_ID: users.bot.userId,
    };

    const first = startWorker(env);
    expect(await first.ready()).toContain("ready");
    await waitFor(
      () => matrixMessageCounts(t.db),
      (c) => c.sent >= MESSAGES / 3,
      { what: "a third sent", timeoutMs: 30_000 },
    );
    first.child.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");
    const sentBeforeKill = (await matrixMessageCounts(t.db)).sent;
    expect(sentBeforeKill).toBeLessThan(MESSAGES);
    // More in the room than recorded means the kill fell between sending and recording: the
    // case the txn id covers.
    const inRoomAtKill = (await messageBodies(synapse.baseUrl, users.reader, users.roomId, users.bot.userId)).length;

    const second = startWorker(env);
    try {
      expect(await second.ready()).toContain("ready");
      // The killed batch comes back only once its 30 s heartbeat lapses, then a supervise pass and a retry delay.
      await waitFor(
        () => matrixMessageCounts(t.db),
        (c) => c.sent === MESSAGES,
        { what: "every message recorded as sent", timeoutMs: 75_000 },
      );
      // A job of the killed batch whose message was recorded just before the kill comes back too,
      // later, and must find it sent: wait for the queue to be empty, not only for the messages.
      const drained = async () => (await producer.depths()).find((d) => d.name === notifyJob.name);
      await waitFor(drained, (d) => !!d && d.queued + d.active + d.retrying === 0, {
        what: "the queue to drain",
        timeoutMs: 75_000,
      });
    } finally {
      second.child.kill("SIGTERM");
      expect(await second.exited, second.output()).toBe(0);
    }
    const depth = (await producer.depths()).find((d) => d.name === notifyJob.name);
    expect(depth).toMatchObject({ queued: 0, active: 0, retrying: 0, failed: 0, deadLetters: 0 });

    const arrived = await messageBodies(synapse.baseUrl, users.reader, users.roomId, users.bot.userId);
    expect(notExactlyOnce(bodies, arrived)).toEqual({});
    expect(arrived).toHaveLength(MESSAGES);
    console.log(
      `crash: ${sentBeforeKill} recorded (${inRoomAtKill} in the room) at the kill, the other ${MESSAGES - sentBeforeKill} by the fresh worker`,
    );
  });
});

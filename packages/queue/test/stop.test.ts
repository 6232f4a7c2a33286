import { dialects, freshDatabase, type TestDatabase, waitFor } from "@agora/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineJob } from "../src/index.ts";
import { gate, testQueue } from "./helpers.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// One test at a time: each starts pg-boss instances of its own, and on PGlite those share one
// session, where a second instance installing the schema alongside the first would collide.
describe.each(dialects)("stopping the queue on %s", (dialect) => {
  let t: TestDatabase;
  const stateOf = async (id: string | null) =>
    (await t.db.query<{ state: string }>("select state::text from pgboss.job where id = $1", [id]))[0]?.state;

  beforeAll(async () => {
    t = await freshDatabase(dialect);
  });
  afterAll(() => t?.drop());

  it("waits for a running handler to finish, and fetches nothing more", async () => {
    const job = defineJob({ name: "slow", data: z.object({}) });
    const queue = testQueue(t.db);
    await queue.start();
    const started = gate();
    let runs = 0;
    let finished = false;
    await queue.work(job, async () => {
      runs++;
      started.open();
      await sleep(1500);
      finished = true;
    });
    const id = await queue.send(job, {});
    await started.promise;

    await queue.stop({ graceful: true, timeoutMs: 10_000 });
    expect(finished).toBe(true);
    expect(await stateOf(id)).toBe("completed");

    const producer = testQueue(t.db);
    await producer.start();
    const next = await producer.send(job, {});
    await sleep(1500);
    expect(runs).toBe(1);
    expect(await stateOf(next)).toBe("created");
    await producer.stop();
  });

  it("puts a handler still running at the deadline back for a retry", async () => {
    const job = defineJob({ name: "stuck", data: z.object({}), retryDelaySeconds: 600 });
    const queue = testQueue(t.db);
    await queue.start();
    const started = gate();
    const released = gate();
    await queue.work(job, async () => {
      started.open();
      await released.promise;
    });
    const id = await queue.send(job, {});
    await started.promise;

    // The handler never finishes: stop returning at all shows it gave up waiting at its deadline.
    await queue.stop({ graceful: true, timeoutMs: 1000 });
    expect(
      await waitFor(
        () => stateOf(id),
        (state) => state === "retry",
      ),
    ).toBe("retry");
    released.open();
  });
});

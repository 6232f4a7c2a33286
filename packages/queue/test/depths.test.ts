import { dialects, waitFor } from "@agora/db/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineJob, PermanentJobError } from "../src/index.ts";
import { gate, startedQueue } from "./helpers.ts";

describe.concurrent.each(dialects)("queue depths and dead letters on %s", (dialect) => {
  const started = startedQueue(dialect);

  it("counts jobs in each state, and lists dead letters newest first", async () => {
    const gauged = defineJob({ name: "gauged", data: z.object({ n: z.number() }), retryDelaySeconds: 600 });
    const other = defineJob({ name: "other", data: z.object({}) });
    await started.queue.register(gauged, other);
    for (const n of [1, 2, 3, 4]) await started.queue.send(gauged, { n });
    expect(await started.depthOf("gauged")).toEqual({
      name: "gauged",
      queued: 4,
      active: 0,
      retrying: 0,
      failed: 0,
      deadLetters: 0,
    });

    // Jobs are fetched in the order they were sent; one at a time with the default concurrency.
    const held = gate();
    await started.queue.work(gauged, async ({ n }) => {
      if (n === 1) throw new Error("try again later");
      if (n === 2) throw new PermanentJobError("never going to work");
      if (n === 3) await held.promise;
    });
    const busy = await waitFor(
      () => started.depthOf("gauged"),
      (d) => d?.active === 1 && d.deadLetters === 1 && d.retrying === 1,
    );
    expect(busy).toEqual({ name: "gauged", queued: 1, active: 1, retrying: 1, failed: 1, deadLetters: 1 });

    held.open();
    const settled = await waitFor(
      () => started.depthOf("gauged"),
      (d) => d?.active === 0 && d.queued === 0,
    );
    expect(settled).toEqual({ name: "gauged", queued: 0, active: 0, retrying: 1, failed: 1, deadLetters: 1 });
    // Dead-letter queues are reported with the queue they belong to, not as queues of their own.
    expect((await started.queue.depths()).map((d) => d.name)).toEqual(["gauged", "other"]);

    await started.queue.work(other, async () => {
      throw new PermanentJobError("other reason");
    });
    await started.queue.send(other, {});
    const all = await waitFor(
      () => started.queue.deadLetters(),
      (letters) => letters.length === 2,
    );
    expect(all.map((l) => [l.job, l.reason])).toEqual([
      ["other", "other reason"],
      ["gauged", "never going to work"],
    ]);
    expect(await started.queue.deadLetters(gauged)).toEqual([all[1]]);
    expect(await started.queue.deadLetters(undefined, 1)).toEqual([all[0]]);
  });
});

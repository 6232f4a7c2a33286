import { dialects, waitFor } from "@agora/db/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineJob, insertJobOnce, insertJobs, JobPayloadError } from "../src/index.ts";
import { startedQueue } from "./helpers.ts";

describe.each(dialects)("jobs inserted with SQL alone on %s", (dialect) => {
  const started = startedQueue(dialect);

  it("are run once each by pg-boss's worker, with the data and settings of their definition", async () => {
    const job = defineJob({
      name: "sql-insert",
      data: z.object({ n: z.number() }),
      retryLimit: 3,
      retryDelaySeconds: 1,
    });
    await started.queue.register(job);
    const ran: { n: number; jobId: string; attempt: number }[] = [];
    let failedOnce = false;
    await started.queue.work(job, async ({ n }, { jobId, attempt }) => {
      ran.push({ n, jobId, attempt });
      // One failure shows the retry settings came from the queue: a row without them would not retry.
      if (n === 2 && !failedOnce) {
        failedOnce = true;
        throw new Error("passing failure");
      }
    });
    const ids = await started.t.db.transaction((tx) => insertJobs(tx, job, [{ n: 1 }, { n: 2 }, { n: 3 }]));
    await waitFor(
      () => ran.length,
      (count) => count === 4,
    );
    expect(ran.map((r) => [r.n, r.attempt]).sort()).toEqual([
      [1, 1],
      [2, 1],
      [2, 2],
      [3, 1],
    ]);
    expect(new Set(ran.map((r) => r.jobId))).toEqual(new Set(ids));
    const rows = await started.t.db.query<{
      id: string;
      n: number;
      retry_limit: number;
      dead_letter: string;
      state: string;
    }>("select id, (data->>'n')::int as n, retry_limit, dead_letter, state from pgboss.job where name = 'sql-insert'");
    expect(ids.map((id) => rows.find((r) => r.id === id)?.n)).toEqual([1, 2, 3]);
    expect(rows.every((r) => r.retry_limit === 3 && r.dead_letter === job.deadLetterName)).toBe(true);
    await waitFor(
      () => started.depthOf("sql-insert"),
      (depth) => depth?.queued === 0 && depth.active === 0,
    );
  });

  it("exist only if the transaction that wrote them commits", async () => {
    const job = defineJob({ name: "sql-insert-tx", data: z.object({ n: z.number() }) });
    await started.queue.register(job);
    const rolledBack = started.t.db.transaction(async (tx) => {
      await insertJobs(tx, job, [{ n: 1 }]);
      throw new Error("the delivery could not be stored");
    });
    await expect(rolledBack).rejects.toThrow("the delivery could not be stored");
    expect(await started.depthOf("sql-insert-tx")).toMatchObject({ queued: 0 });
  });

  it("are refused, naming the queue, when it does not exist, and on a payload that does not match", async () => {
    const unknown = defineJob({ name: "sql-insert-unknown", data: z.object({ n: z.number() }) });
    await expect(insertJobs(started.t.db, unknown, [{ n: 1 }])).rejects.toThrow(
      /"sql-insert-unknown" has no queue .*agora migrate/,
    );
    const job = defineJob({ name: "sql-insert-strict", data: z.object({ n: z.number() }) });
    await started.queue.register(job);
    await expect(insertJobs(started.t.db, job, [{ n: "1" } as never])).rejects.toBeInstanceOf(JobPayloadError);
    expect(await started.depthOf("sql-insert-strict")).toMatchObject({ queued: 0 });
  });

  it("under an id of the caller's, are written once however often they are sent, and run once", async () => {
    const job = defineJob({ name: "sql-insert-once", data: z.object({ n: z.number() }) });
    await started.queue.register(job);
    const id = "7f0c1d2e-3a4b-8c5d-9e6f-708192a3b4c5";
    const ran: string[] = [];
    await started.queue.work(job, async (_, { jobId }) => {
      ran.push(jobId);
    });
    const first = await started.t.db.transaction((tx) => insertJobOnce(tx, job, { n: 1 }, id));
    const again = await insertJobOnce(started.t.db, job, { n: 2 }, id);
    expect([first, again]).toEqual([true, false]);
    await waitFor(
      () => ran.length,
      (count) => count === 1,
    );
    const rows = await started.t.db.query<{ n: number }>(
      "select (data->>'n')::int as n from pgboss.job where name = 'sql-insert-once'",
    );
    expect(rows).toEqual([{ n: 1 }]);
    expect(ran).toEqual([id]);
    await expect(
      insertJobOnce(started.t.db, defineJob({ name: "sql-once-unknown", data: z.object({}) }), {}, id),
    ).rejects.toThrow(/"sql-once-unknown" has no queue/);
  });
});

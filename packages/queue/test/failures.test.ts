import { dialects, waitFor } from "@agora/db/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineJob, PermanentJobError } from "../src/index.ts";
import { startedQueue } from "./helpers.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Concurrent: each test has its own job name, and most of their time is spent waiting out retry delays.
describe.concurrent.each(dialects)("failing jobs on %s", (dialect) => {
  const started = startedQueue(dialect);

  it("retries a failing job with exponential backoff until it succeeds", async () => {
    const job = defineJob({ name: "flaky", data: z.object({}), retryLimit: 3, retryDelaySeconds: 1 });
    const runs: { attempt: number; at: number }[] = [];
    await started.queue.work(job, async (_data, { attempt }) => {
      runs.push({ attempt, at: Date.now() });
      if (attempt < 3) throw new Error(`GitLab timed out (${attempt})`);
    });
    await started.queue.send(job, {});
    await waitFor(
      () => runs.length,
      (n) => n === 3,
    );
    expect(runs.map((r) => r.attempt)).toEqual([1, 2, 3]);
    // The n-th retry waits between 2^(n-1) and 2^n times retryDelaySeconds.
    expect(runs[1]!.at - runs[0]!.at).toBeGreaterThanOrEqual(950);
    expect(runs[2]!.at - runs[1]!.at).toBeGreaterThanOrEqual(1950);
    const depth = await waitFor(
      async () => (await started.queue.depths()).find((d) => d.name === "flaky"),
      (d) => d?.active === 0,
    );
    expect(depth).toEqual({ name: "flaky", queued: 0, active: 0, retrying: 0, failed: 0, deadLetters: 0 });
  });

  it("dead-letters a job whose retries are spent, with the last error as its reason", async () => {
    const job = defineJob({
      name: "doomed",
      data: z.object({ n: z.number() }),
      retryLimit: 1,
      retryDelaySeconds: 1,
      retryBackoff: false,
    });
    let runs = 0;
    await started.queue.work(job, async () => {
      runs++;
      throw new Error(`Matrix answered 502 (${runs})`);
    });
    const id = await started.queue.send(job, { n: 7 });
    const [letter] = await waitFor(
      () => started.queue.deadLetters(job),
      (letters) => letters.length === 1,
    );
    expect(letter).toMatchObject({
      job: "doomed",
      jobId: id,
      data: { n: 7 },
      reason: "Matrix answered 502 (2)",
      attempts: 2,
    });
    expect(runs).toBe(2);
  });

  it("dead-letters at once on PermanentJobError, without a retry", async () => {
    const job = defineJob({ name: "refused", data: z.object({ iid: z.number() }), retryDelaySeconds: 1 });
    let runs = 0;
    await started.queue.work(job, async ({ iid }) => {
      runs++;
      throw new PermanentJobError(`issue ${iid} was deleted`);
    });
    await started.queue.send(job, { iid: 42 });
    const [letter] = await waitFor(
      () => started.queue.deadLetters(job),
      (letters) => letters.length === 1,
    );
    expect(letter).toMatchObject({ job: "refused", reason: "issue 42 was deleted", attempts: 1 });
    // A retry would have come after 1 to 2 s.
    await sleep(2500);
    expect(runs).toBe(1);
  });

  it("dead-letters at once when the definition says the error is not worth a retry", async () => {
    const job = defineJob({
      name: "classified",
      data: z.object({}),
      isRetryable: (error) => !(error instanceof Error && /^4\d\d /.test(error.message)),
    });
    let runs = 0;
    await started.queue.work(job, async () => {
      runs++;
      throw new Error("404 Not Found");
    });
    await started.queue.send(job, {});
    const [letter] = await waitFor(
      () => started.queue.deadLetters(job),
      (letters) => letters.length === 1,
    );
    expect(letter).toMatchObject({ reason: "404 Not Found", attempts: 1 });
    expect(runs).toBe(1);
  });

  it("dead-letters at once when the database refuses a value, since every attempt would", async () => {
    const job = defineJob({ name: "unstorable", data: z.object({}), retryDelaySeconds: 1 });
    let runs = 0;
    await started.queue.work(job, async () => {
      runs++;
      await started.t.db.query("select $1::jsonb", ['{"a":"\\u0000"}']);
    });
    await started.queue.send(job, {});
    const [letter] = await waitFor(
      () => started.queue.deadLetters(job),
      (letters) => letters.length === 1,
    );
    expect(letter).toMatchObject({ attempts: 1 });
    await sleep(2500);
    expect(runs).toBe(1);
  });

  it("dead-letters a stored payload that no longer matches the worker's schema", async () => {
    // The producer still runs the previous release: its schema lacks a field the worker needs.
    const before = defineJob({ name: "evolving", data: z.object({ title: z.string() }) });
    const after = defineJob({ name: "evolving", data: z.object({ title: z.string(), iid: z.number() }) });
    let runs = 0;
    await started.queue.work(after, async () => {
      runs++;
    });
    await started.queue.send(before, { title: "Kernel panic on boot" });
    const [letter] = await waitFor(
      () => started.queue.deadLetters(after),
      (letters) => letters.length === 1,
    );
    expect(letter?.reason).toMatch(/invalid payload for job "evolving": iid: /);
    expect(letter?.data).toEqual({ title: "Kernel panic on boot" });
    expect(runs).toBe(0);
  });
});

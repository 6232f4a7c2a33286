import { randomUUID } from "node:crypto";
import { dialects, waitFor } from "@agora/db/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineJob, deliveryJob, JobPayloadError, type JobContext } from "../src/index.ts";
import { startedQueue, testQueue } from "./helpers.ts";

describe.each(dialects)("sending jobs on %s", (dialect) => {
  const started = startedQueue(dialect);

  it("delivers the payload, typed, with its id and attempt number", async () => {
    const received: { deliveryId: string; source: "gitlab" | "discourse"; context: Omit<JobContext, "signal"> }[] = [];
    await started.queue.work(deliveryJob, async (data, { jobId, attempt }) => {
      received.push({ ...data, context: { jobId, attempt } });
    });
    const deliveryId = randomUUID();
    const id = await started.queue.send(deliveryJob, { deliveryId, source: "gitlab" });
    await waitFor(
      () => received.length,
      (n) => n === 1,
    );
    expect(received).toEqual([{ deliveryId, source: "gitlab", context: { jobId: id, attempt: 1 } }]);
  });

  it("refuses a payload that does not match, naming the path, and writes nothing", async () => {
    const job = defineJob({ name: "strict", data: z.object({ issue: z.object({ iid: z.number().int() }) }) });
    await started.queue.register(job);
    // @ts-expect-error the type forbids it too; the check at runtime is for untyped callers
    await expect(started.queue.send(job, { issue: { iid: "7" } })).rejects.toThrow(/"strict": issue\.iid: /);
    const refused = started.queue.sendMany(job, [{ issue: { iid: 1 } }, { issue: {} } as never]);
    await expect(refused).rejects.toBeInstanceOf(JobPayloadError);
    await expect(refused).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["issue", "iid"] })] });
    expect(await started.depthOf("strict")).toMatchObject({ queued: 0, active: 0 });
  });

  it("keeps a job sent in a transaction only if the transaction commits", async () => {
    const job = defineJob({ name: "in-tx", data: z.object({ n: z.number() }) });
    await started.queue.register(job);
    const rolledBack = started.t.db.transaction(async (tx) => {
      await started.queue.send(job, { n: 1 }, { tx });
      await started.queue.sendMany(job, [{ n: 2 }, { n: 3 }], { tx });
      throw new Error("the webhook could not be stored");
    });
    await expect(rolledBack).rejects.toThrow("the webhook could not be stored");
    expect(await started.depthOf("in-tx")).toMatchObject({ queued: 0 });

    const ids = await started.t.db.transaction(async (tx) => [
      await started.queue.send(job, { n: 4 }, { tx }),
      ...(await started.queue.sendMany(job, [{ n: 5 }, { n: 6 }], { tx })),
    ]);
    expect(new Set(ids).size).toBe(3);
    expect(await started.depthOf("in-tx")).toMatchObject({ queued: 3 });
  });

  it("returns sendMany's ids in the order of its items", async () => {
    const job = defineJob({ name: "ordered", data: z.object({ n: z.number() }) });
    const ids = await started.queue.sendMany(job, [{ n: 0 }, { n: 1 }, { n: 2 }]);
    const rows = await started.t.db.query<{ id: string; n: number }>(
      "select id, (data->>'n')::int as n from pgboss.job where name = 'ordered'",
    );
    expect(ids.map((id) => rows.find((r) => r.id === id)?.n)).toEqual([0, 1, 2]);
  });

  it("ignores a second send with the same id", async () => {
    const job = defineJob({ name: "idempotent", data: z.object({}) });
    const id = randomUUID();
    expect(await started.queue.send(job, {}, { id })).toBe(id);
    expect(await started.queue.send(job, {}, { id })).toBeNull();
    expect(await started.depthOf("idempotent")).toMatchObject({ queued: 1 });
  });

  it("asks for registration before a send inside a transaction", async () => {
    const job = defineJob({ name: "unregistered", data: z.object({}) });
    await expect(started.t.db.transaction((tx) => started.queue.send(job, {}, { tx }))).rejects.toThrow(
      /call register\(\)/,
    );
  });

  // Replicas are processes on one PostgreSQL. PGlite belongs to one process, whose pg-boss
  // instances share its only session: advisory locks do not exclude each other within a session,
  // so there they must start one after the other.
  it("starts safely with several instances at once, and answers ping only while running", async () => {
    const job = defineJob({ name: "shared", data: z.object({}) });
    const replicas = [1, 2, 3].map(() => testQueue(started.t.db, { schema: "replicas" }));
    await expect(replicas[0]!.ping()).rejects.toThrow(/not started/);
    if (dialect === "postgres") await Promise.all(replicas.map((replica) => replica.start()));
    else for (const replica of replicas) await replica.start();
    await Promise.all(replicas.map((replica) => replica.register(job)));
    await Promise.all(replicas.map((replica) => replica.ping()));
    expect((await replicas[0]!.depths()).map((d) => d.name)).toEqual(["shared"]);
    await Promise.all(replicas.map((replica) => replica.stop()));
    await expect(replicas[0]!.ping()).rejects.toThrow(/stopped/);
  });
});

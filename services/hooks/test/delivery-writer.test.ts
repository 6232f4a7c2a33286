import { deliveryJob } from "@agora/queue";
import { describe, expect, it } from "vitest";
import { queuedPostgres } from "./queued-database.ts";
import { DeliveryRefusedError } from "../src/index.ts";
import { pooledDeliveryWriter, writerDeliveryStore } from "../src/delivery-writer.ts";

const delivery = (key: string, body = `{"key":"${key}"}`) => ({
  source: "gitlab" as const,
  dedupeKey: `uuid:${key}`,
  event: "Issue Hook",
  headers: {},
  body,
});

// What an edge Durable Object runs for every isolate of the intake, on the real server.
describe("a pooled delivery writer on postgres", () => {
  const q = queuedPostgres();

  it("commits deliveries that arrive together, each with its job, and answers a redelivery as a duplicate", async () => {
    const writer = pooledDeliveryWriter(q.url, { connections: 2 });
    const outcomes = await Promise.all(["a", "b", "c", "a"].map((key) => writer.write(delivery(key))));
    expect(outcomes.filter((o) => "stored" in o && o.stored)).toHaveLength(3);
    expect(outcomes.filter((o) => "stored" in o && !o.stored)).toEqual([{ id: null, stored: false }]);
    const jobs = await q.queue.waiting(deliveryJob);
    expect(jobs.map((j) => (j.data as { deliveryId: string }).deliveryId).sort()).toEqual(
      outcomes.flatMap((o) => ("id" in o && o.id ? [o.id] : [])).sort(),
    );
  });

  it("answers a delivery the database refuses as an outcome with its SQLSTATE, and stores the others beside it", async () => {
    const writer = pooledDeliveryWriter(q.url, { connections: 2 });
    const [refused, fine] = await Promise.all([
      writer.write(delivery("nul", "{\u0000}")),
      writer.write(delivery("fine")),
    ]);
    expect(refused).toEqual({ refused: true, sqlState: expect.stringMatching(/^22/) });
    expect(fine).toEqual({ id: expect.any(String), stored: true });
  });

  it("is, seen by the intake, a store that throws DeliveryRefusedError for a refusal", async () => {
    const store = writerDeliveryStore(pooledDeliveryWriter(q.url));
    const refusal = store.store(delivery("nul-2", "{\u0000}"));
    await expect(refusal).rejects.toBeInstanceOf(DeliveryRefusedError);
    await expect(refusal).rejects.toMatchObject({ sqlState: expect.stringMatching(/^22/) });
    expect(await store.store(delivery("after"))).toEqual({ id: expect.any(String), stored: true });
  });

  it("fails each write while the database cannot be reached, rather than answering it stored", async () => {
    const writer = pooledDeliveryWriter("postgres://postgres@127.0.0.1:1/agora");
    await expect(writer.write(delivery("x"))).rejects.toThrow();
    await expect(writer.write(delivery("x"))).rejects.toThrow();
  });
});

import { connectPostgres } from "@agora/db";
import { deliveryJob } from "@agora/queue";
import { describe, expect, it } from "vitest";
import { queuedPostgres } from "./queued-database.ts";
import { DeliveryRefusedError, directDeliveryStore, enqueueDeliveryJobs } from "../src/index.ts";

const delivery = (key: string, body = `{"key":"${key}"}`) => ({
  source: "discourse" as const,
  dedupeKey: `event:forum:${key}`,
  event: "post",
  headers: {},
  body,
});

// The edge intake's store, on the real server: a connection per delivery, pg-boss's rows written
// without pg-boss in that process (the queue here only creates the queues, as `agora migrate` does).
describe("a delivery per connection on postgres", () => {
  const q = queuedPostgres();

  const connections = async () =>
    (
      await q.t.db.query<{ n: number }>(
        "select count(*)::int as n from pg_stat_activity where datname = current_database()",
      )
    )[0]?.n;

  it("stores a delivery and its job once, closes its connection, and takes a redelivery as a duplicate", async () => {
    const before = await connections();
    const store = directDeliveryStore({ connect: () => connectPostgres(q.url), enqueue: enqueueDeliveryJobs });
    const first = await store.store(delivery("1"));
    const again = await store.store(delivery("1"));
    expect(first).toEqual({ id: expect.any(String), stored: true });
    expect(again).toEqual({ id: null, stored: false });
    const jobs = await q.queue.waiting(deliveryJob);
    expect(jobs.map((j) => j.data)).toEqual([{ deliveryId: first.id, source: "discourse" }]);
    expect(await connections()).toBe(before);
  });

  it("refuses a delivery the database cannot store with DeliveryRefusedError, and stores nothing of it", async () => {
    const store = directDeliveryStore({ connect: () => connectPostgres(q.url), enqueue: enqueueDeliveryJobs });
    await expect(store.store(delivery("nul", "{\u0000}"))).rejects.toBeInstanceOf(DeliveryRefusedError);
    const rows = await q.t.db.query("select 1 from agora_inbox where dedupe_key = 'event:forum:nul'");
    expect(rows).toEqual([]);
  });
});

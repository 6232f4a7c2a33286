import { insertDeliveries, markProcessed } from "@agora/db";
import { freshDatabase, type TestDatabase } from "@agora/db/testing";
import { createMetrics } from "@agora/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerInboxMetrics, sweepInbox } from "../src/index.ts";

describe("inbox retention", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase("postgres");
  });
  afterAll(() => t.drop());

  async function deliveries(n: number, final: boolean, hoursAgo: number): Promise<void> {
    const ids = (await insertDeliveries(
      t.db,
      Array.from({ length: n }, () => ({
        source: "gitlab" as const,
        dedupeKey: crypto.randomUUID(),
        event: "Issue Hook",
        headers: {},
        body: "{}",
      })),
    )) as string[];
    if (!final) return;
    await t.db.transaction(async (tx) => {
      for (const id of ids) await markProcessed(tx, id, "issue/open → triage");
    });
    await t.db.query(
      `update agora_inbox set processed_at = now() - make_interval(hours => $2) where id = any($1::uuid[])`,
      [ids, hoursAgo],
    );
  }

  it("deletes final deliveries past the retention in batches, keeps recent and pending ones, and /metrics shows the size", async () => {
    await deliveries(2500, true, 80);
    await deliveries(40, true, 1);
    await deliveries(30, false, 0);
    const metrics = createMetrics({ defaultMetrics: false });
    registerInboxMetrics(metrics.registry, t.db);
    const before = await metrics.registry.metrics();
    expect(before).toMatch(/agora_inbox_deliveries\{state="final"\} 2540/);
    expect(before).toMatch(/agora_inbox_deliveries\{state="pending"\} 30/);
    expect(before).toMatch(/agora_inbox_bytes \d+/);

    const sweep = await sweepInbox(t.db, 72 * 3600, { batch: 1000, restPerBusy: 0 });
    expect(sweep).toMatchObject({ deleted: 2500, batches: 3 });
    expect(await sweepInbox(t.db, 72 * 3600)).toMatchObject({ deleted: 0, batches: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const after = await metrics.registry.metrics();
    expect(after).toMatch(/agora_inbox_deliveries\{state="final"\} 40/);
    expect(after).toMatch(/agora_inbox_deliveries\{state="pending"\} 30/);
  });
});

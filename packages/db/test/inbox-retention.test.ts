import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  deleteFinalDeliveries,
  inboxSize,
  insertDeliveries,
  isDataError,
  markProcessed,
  migrate,
} from "../src/index.ts";
import { migrations } from "../src/migrations/index.ts";
import { dialects, freshDatabase, type TestDatabase } from "../src/testing.ts";
import { openPglite } from "../src/pglite.ts";

const delivery = (key: string) => ({
  source: "discourse" as const,
  dedupeKey: key,
  event: "post_created",
  headers: {},
  body: "{}",
});

describe.each(dialects)("inbox keys and retention on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(dialect);
  });
  afterAll(() => t.drop());

  it("stores a delivery whose key is far larger than an index row may be, and knows it again", async () => {
    const huge = `event::${"k".repeat(100_000)}`;
    const [first] = await insertDeliveries(t.db, [delivery(huge)]);
    expect(first).toEqual(expect.any(String));
    expect(await insertDeliveries(t.db, [delivery(huge), delivery(`${huge}!`)])).toEqual([null, expect.any(String)]);
  });

  it("deletes final deliveries past the retention in batches, and never a pending one", async () => {
    const ids = (await insertDeliveries(t.db, ["r1", "r2", "r3", "r4"].map(delivery))) as string[];
    await t.db.transaction(async (tx) => {
      for (const id of ids.slice(0, 3)) await markProcessed(tx, id, id === ids[2] ? "invalid: test" : "done");
    });
    await t.db.query("update agora_inbox set processed_at = now() - interval '2 hours' where id = any($1::uuid[])", [
      ids.slice(0, 3),
    ]);
    const before = await inboxSize(t.db);
    expect(await deleteFinalDeliveries(t.db, 3 * 3600, 100)).toBe(0);
    expect(await deleteFinalDeliveries(t.db, 3600, 2)).toBe(2);
    expect(await deleteFinalDeliveries(t.db, 3600, 2)).toBe(1);
    expect(await deleteFinalDeliveries(t.db, 3600, 2)).toBe(0);
    const after = await inboxSize(t.db);
    expect(after.rows).toBe(before.rows - 3);
    expect(after.pending).toBe(before.pending);
    const [left] = await t.db.query<{ n: number }>(
      "select count(*)::int as n from agora_inbox where id = any($1::uuid[])",
      [ids],
    );
    expect(left?.n).toBe(1);
    expect(after.bytes).toBeGreaterThan(0);
  });

  it("tells a refused value from a passing failure", async () => {
    const refused = await t.db.query("select 'a\\u0000'::jsonb").catch((error: unknown) => error);
    expect(isDataError(refused)).toBe(true);
    const overflow = await t.db.query("select 2147483648::int").catch((error: unknown) => error);
    expect(isDataError(overflow)).toBe(true);
    const missing = await t.db.query("select * from no_such_table").catch((error: unknown) => error);
    expect(isDataError(missing)).toBe(false);
    expect(isDataError(new Error("connection reset"))).toBe(false);
  });
});

describe("0009-inbox-retention on a database of the release before it", () => {
  it("hashes stored keys the way the intake hashes new ones, so old deliveries are still known", async () => {
    const db = await openPglite();
    try {
      const index = migrations.findIndex((step) => step.id === "0009-inbox-retention");
      await migrate(db, migrations.slice(0, index));
      await db.query(
        "insert into agora_inbox (source, dedupe_key, event, headers, body) values ('gitlab', 'event::abc', 'Issue Hook', '{}', '{}')",
      );
      await migrate(db);
      const [row] = await db.query<{ dedupe_key: string }>("select dedupe_key from agora_inbox");
      expect(row?.dedupe_key).toBe(createHash("sha256").update("event::abc").digest("hex"));
      expect(await insertDeliveries(db, [{ ...delivery("event::abc"), source: "gitlab" }])).toEqual([null]);
    } finally {
      await db.close();
    }
  });
});

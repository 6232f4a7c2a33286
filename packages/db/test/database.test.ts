import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertDeliveries, lockDelivery, markProcessed, migrate, inboxCounts, recentDeliveries } from "../src/index.ts";
import { dialects, freshDatabase, type TestDatabase } from "../src/testing.ts";
import { migrations } from "../src/migrations/index.ts";

const delivery = (key: string, body = "{}") => ({
  source: "gitlab" as const,
  dedupeKey: key,
  event: "Issue Hook",
  headers: { "x-gitlab-event": "Issue Hook" },
  body,
});

describe.each(dialects)("database on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(dialect);
  });
  afterAll(() => t.drop());

  it("applies migrations once, however often it is asked", async () => {
    expect(await migrate(t.db)).toEqual([]);
    const [row] = await t.db.query<{ n: number }>("select count(*)::int as n from agora_migration");
    expect(row?.n).toBeGreaterThan(0);
  });

  it("stores a batch and recognises duplicates within it and across calls", async () => {
    const ids = await insertDeliveries(t.db, [delivery("a"), delivery("b"), delivery("a")]);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[2]).toBeNull();
    expect(await insertDeliveries(t.db, [delivery("b"), delivery("c")])).toEqual([null, expect.any(String)]);
  });

  it("keeps bodies that jsonb would refuse", async () => {
    const body = '{"title":"nul \\u0000 inside"}';
    const [id] = await insertDeliveries(t.db, [delivery("nul", body)]);
    const stored = await t.db.transaction((tx) => lockDelivery(tx, id!));
    expect(stored?.body).toBe(body);
  });

  it("rolls back a failed transaction entirely", async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await insertDeliveries(tx, [delivery("rolled-back")]);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const [again] = await insertDeliveries(t.db, [delivery("rolled-back")]);
    expect(again).not.toBeNull();
  });

  it("marks processing and reports counts", async () => {
    const [id] = await insertDeliveries(t.db, [delivery("counted")]);
    await t.db.transaction((tx) => markProcessed(tx, id!, "ignored"));
    const counts = await inboxCounts(t.db);
    const gitlab = counts.find((c) => c.source === "gitlab");
    expect(gitlab?.stored).toBeGreaterThanOrEqual(5);
    expect((await recentDeliveries(t.db, 50)).find((d) => d.id === id)?.outcome).toBe("ignored");
  });

  it("runs multi-statement text through executeSql", async () => {
    const { rows } = await t.db.executeSql("create temp table t_x (n int); insert into t_x values (1), (2); select n from t_x order by n");
    expect(rows).toEqual([{ n: 1 }, { n: 2 }]);
  });
});

describe("migrations on PostgreSQL with replicas starting at once", () => {
  it("applies each step exactly once", async () => {
    const { createPostgresDatabase } = await import("../src/testing.ts");
    const { openPostgres } = await import("../src/postgres.ts");
    const created = await createPostgresDatabase();
    const replicas = await Promise.all([1, 2, 3, 4].map(() => openPostgres(created.url, { max: 2 })));
    try {
      const applied = await Promise.all(replicas.map((db) => migrate(db)));
      expect(applied.flat().sort()).toEqual(migrations.map((step) => step.id).sort());
    } finally {
      await Promise.all(replicas.map((db) => db.close()));
      await created.drop();
    }
  });
});

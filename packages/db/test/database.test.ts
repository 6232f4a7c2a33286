import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DatabaseUnavailableError,
  describeConnectionFailure,
  insertDeliveries,
  lockDelivery,
  markProcessed,
  migrate,
  inboxCounts,
  openDatabase,
  recentDeliveries,
} from "../src/index.ts";
import { dialects, freshDatabase, TEST_POSTGRES_ADMIN_URL, type TestDatabase } from "../src/testing.ts";
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
    const { rows } = await t.db.executeSql(
      "create temp table t_x (n int); insert into t_x values (1), (2); select n from t_x order by n",
    );
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

describe("a database that cannot be opened", () => {
  // Nothing listens on port 1; the password is there to check it never reaches the message.
  const unreachable = "postgres://postgres:hunter2@127.0.0.1:1/agora";

  it("names host and port when nothing answers there", async () => {
    const opening = openDatabase({ databaseUrl: unreachable, dataDir: "unused" });
    await expect(opening).rejects.toThrow(DatabaseUnavailableError);
    const message = await opening.catch((error: Error) => error.message);
    expect(message).toBe(
      "nothing answers at 127.0.0.1:1 (DATABASE_URL): is PostgreSQL running there, and is DATABASE_URL right?",
    );
    expect(message).not.toContain("hunter2");
  });

  it("says how to create a database that does not exist", async () => {
    const url = new URL(TEST_POSTGRES_ADMIN_URL);
    const name = `agora_missing_${randomBytes(4).toString("hex")}`;
    url.pathname = `/${name}`;
    const opening = openDatabase({ databaseUrl: url.toString(), dataDir: "unused" });
    await expect(opening).rejects.toThrow(DatabaseUnavailableError);
    const message = await opening.catch((error: Error) => error.message);
    const port = url.port || "5432";
    expect(message).toContain(`PostgreSQL at ${url.hostname}:${port} has no database "${name}"`);
    expect(message).toContain(`createdb -h ${url.hostname} -p ${port} -U ${decodeURIComponent(url.username)} ${name}`);
  });

  it("names a data folder that cannot be made", async () => {
    const file = join(tmpdir(), `agora-not-a-folder-${randomBytes(4).toString("hex")}`);
    writeFileSync(file, "");
    await expect(openDatabase({ dataDir: join(file, "data") })).rejects.toThrow(
      /the data folder .* \(AGORA_DATA_DIR\) cannot be created \(ENOTDIR\)/,
    );
  });

  it("names a server that does not answer in time, or hangs up before speaking", () => {
    expect(describeConnectionFailure("postgres://u@db.internal:5432/d", new Error("timeout expired"))).toBe(
      "db.internal:5432 (DATABASE_URL) did not answer within 10 s: is PostgreSQL running there, and is DATABASE_URL right? Does a firewall stand between?",
    );
    expect(
      describeConnectionFailure("postgres://u@db.internal:5432/d", new Error("Connection terminated unexpectedly")),
    ).toMatch(/^db\.internal:5432 \(DATABASE_URL\) closed the connection before answering/);
  });

  it("leaves other failures to be reported as they are", () => {
    expect(describeConnectionFailure(unreachable, new Error("boom"))).toBeUndefined();
    expect(describeConnectionFailure("postgres://u@[::1]:6543/d", { code: "3D000" })).toBe(
      'PostgreSQL at [::1]:6543 has no database "d": create it with `createdb -h ::1 -p 6543 -U u d`, or fix DATABASE_URL',
    );
  });
});

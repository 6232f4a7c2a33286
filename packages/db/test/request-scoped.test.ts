import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestScopedDatabase } from "../src/index.ts";
import { freshDatabase, waitFor, type TestDatabase } from "../src/testing.ts";

describe("a database scoped to each request, on postgres", () => {
  let t: TestDatabase;
  let url: string;
  beforeAll(async () => {
    t = await freshDatabase("postgres");
    if (!t.url) throw new Error("a PostgreSQL test database has a URL");
    url = t.url;
  });
  afterAll(() => t.drop());

  const backends = async () =>
    (
      await t.db.query<{ n: number }>(
        "select count(*)::int as n from pg_stat_activity where datname = current_database()",
      )
    )[0]?.n ?? 0;

  it("gives each request a connection of its own, opened on first use and closed at its end", async () => {
    const scoped = requestScopedDatabase(url);
    const before = await backends();
    const pids = await Promise.all(
      [1, 2].map(() =>
        scoped.run(async () => {
          const [first] = await scoped.db.query<{ pid: number }>("select pg_backend_pid() as pid");
          const [again] = await scoped.db.transaction((tx) =>
            tx.query<{ pid: number }>("select pg_backend_pid() as pid"),
          );
          expect(again?.pid).toBe(first?.pid);
          expect(await backends()).toBeGreaterThan(before);
          return first?.pid;
        }),
      ),
    );
    expect(pids[0]).not.toBe(pids[1]);
    // A backend leaves pg_stat_activity a moment after its client said goodbye.
    await waitFor(backends, (n) => n === before);
    // A request that reads nothing opens nothing.
    await scoped.run(async () => expect(await backends()).toBe(before));
  });

  it("closes the connection when the request fails, and refuses use outside a request", async () => {
    const scoped = requestScopedDatabase(url);
    const before = await backends();
    await expect(scoped.run(() => scoped.db.query("select * from no_such_table"))).rejects.toThrow(/no_such_table/);
    await waitFor(backends, (n) => n === before);
    await expect(scoped.db.query("select 1")).rejects.toThrow("outside a request");
  });
});

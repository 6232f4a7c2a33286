import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrate } from "./migrate.ts";
import { pgliteDatabase } from "./pglite.ts";
import { pgliteFromTemplate } from "./pglite-template.ts";
import { openPostgres } from "./postgres.ts";
import type { Database } from "./sql.ts";

/** The server the tests use; CI starts it when it is down. */
export const TEST_POSTGRES_ADMIN_URL =
  process.env.AGORA_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  db: Database;
  /** PostgreSQL URL of the fresh database, for child processes; undefined on PGlite. */
  url: string | undefined;
  drop(): Promise<void>;
}

/**
 * Creates an empty database of its own on the test server, so test files never share rows
 * and can run in parallel and in any order.
 */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `agora_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

export type DialectName = Database["dialect"];
export const dialects: readonly DialectName[] = ["pglite", "postgres"];

/**
 * A migrated database of the given dialect, owned by the caller: a PGlite loaded from the migrated
 * template every test process shares (`pglite-template.ts`), or a new PostgreSQL database on the
 * test server (`docs/adr/0003-…`).
 *
 * @example
 * describe.each(dialects)("the inbox on %s", (dialect) => {
 *   let t: TestDatabase;
 *   beforeEach(async () => {
 *     t = await freshDatabase(dialect);
 *   });
 *   afterEach(() => t.drop());
 *   it("stores a delivery", async () => {
 *     // t.db is this test's alone: no other test sees its rows.
 *   });
 * });
 */
export async function freshDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === "pglite") {
    const db = pgliteDatabase(await pgliteFromTemplate());
    return { db, url: undefined, drop: () => db.close() };
  }
  const created = await createPostgresDatabase();
  const db = await openPostgres(created.url);
  await migrate(db);
  return {
    db,
    url: created.url,
    async drop() {
      await db.close();
      await created.drop();
    },
  };
}

export { waitFor, type WaitForOptions } from "./wait-for.ts";

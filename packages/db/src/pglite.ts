import { PGlite } from "@electric-sql/pglite";
import type { Database, Row, Sql } from "./sql.ts";

type PgliteRunner = Pick<PGlite, "query" | "exec">;

function sqlOver(runner: PgliteRunner, transaction: Sql["transaction"]): Sql {
  return {
    dialect: "pglite",
    async query<R extends object = Row>(text: string, params: readonly unknown[] = []) {
      const result = await runner.query<R>(text, params as unknown[]);
      return result.rows;
    },
    // pg-boss sends multi-statement DDL without parameters: that needs exec(), which returns
    // one result per statement, so the rows of all of them are kept.
    async executeSql(text: string, values?: unknown[]) {
      if (values?.length) return { rows: (await runner.query<Row>(text, values)).rows };
      const results = await runner.exec(text);
      return { rows: results.flatMap((r) => r.rows as Row[]) };
    },
    transaction,
  };
}

/**
 * Opens PGlite under `dataDir`, or in memory when it is omitted (tests).
 * PGlite has one connection; it queues statements, and a transaction holds it exclusively.
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  return pgliteDatabase(dataDir ? await PGlite.create(dataDir) : await PGlite.create());
}

/** A Database over a PGlite instance the caller made (a clone, in tests); closing it closes the instance. */
export function pgliteDatabase(pglite: PGlite): Database {
  const outer = sqlOver(pglite, (work) =>
    pglite.transaction((tx) => {
      const inner: Sql = sqlOver(tx, (nested) => nested(inner));
      return work(inner);
    }),
  );
  return {
    ...outer,
    connection: { kind: "pglite", pglite },
    async ping() {
      await pglite.query("select 1");
    },
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}

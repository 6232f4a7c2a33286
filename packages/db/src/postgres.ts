import pg from "pg";
import { DatabaseUnavailableError, describeConnectionFailure } from "./connection-failure.ts";
import { coalesceCorkedWrites } from "./corked-writes.ts";
import type { Database, Row, Sql } from "./sql.ts";

type Queryable = Pick<pg.PoolClient, "query">;

// A multi-statement text sent without parameters answers with one result per statement.
function rowsOf(result: pg.QueryResult | pg.QueryResult[]): Row[] {
  return Array.isArray(result) ? result.flatMap((r) => r.rows as Row[]) : (result.rows as Row[]);
}

function sqlOver(client: Queryable, transaction: Sql["transaction"]): Sql {
  return {
    dialect: "postgres",
    async query<R extends object = Row>(text: string, params: readonly unknown[] = []) {
      return rowsOf(await client.query(text, params as unknown[])) as R[];
    },
    async executeSql(text: string, values?: unknown[]) {
      return { rows: rowsOf(await client.query(text, values)) };
    },
    transaction,
  };
}

export interface PostgresOptions {
  /** Pool size for this process; pg-boss keeps a pool of its own. */
  max?: number;
}

/**
 * Opens a pool on a PostgreSQL server and connects once, so that a server that is down or a
 * database that does not exist stops the start with a `DatabaseUnavailableError`.
 */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  // Without a connect timeout, a host that drops packets holds the start (and any checkout)
  // for the operating system's TCP timeout, minutes, before anything is said.
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 10_000 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const outer = sqlOver(pool, async (work) => {
    const client = await pool.connect();
    try {
      await client.query("begin");
      const inner: Sql = sqlOver(client, (nested) => nested(inner));
      const result = await work(inner);
      await client.query("commit");
      return result;
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  });
  try {
    await outer.query("select 1");
  } catch (error) {
    await pool.end().catch(() => {});
    const reason = describeConnectionFailure(url, error);
    throw reason ? new DatabaseUnavailableError(reason, { cause: error }) : error;
  }
  return {
    ...outer,
    connection: { kind: "postgres", url },
    async ping() {
      await pool.query("select 1");
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * One connection of its own, no pool: for a runtime where each request opens what it uses and
 * closes it before answering (an edge isolate), with a pooler (Hyperdrive, PgBouncer) in front of
 * PostgreSQL to keep that cheap. Statements are sent unnamed, which a transaction-mode pooler takes.
 */
export async function connectPostgres(url: string): Promise<Sql & { close(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  coalesceCorkedWrites(client.connection.stream);
  // An error after connecting (the pooler closing the connection) fails the query that waits on
  // it; without a listener it would also be thrown from the emitter.
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    const reason = describeConnectionFailure(url, error);
    throw reason ? new DatabaseUnavailableError(reason, { cause: error }) : error;
  }
  const inner: Sql = sqlOver(client, (nested) => nested(inner));
  const sql: Sql = sqlOver(client, async (work) => {
    await client.query("begin");
    try {
      const result = await work(inner);
      await client.query("commit");
      return result;
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    }
  });
  return {
    ...sql,
    async close() {
      await client.end();
    },
  };
}

import { AsyncLocalStorage } from "node:async_hooks";
import { connectPostgres } from "./postgres.ts";
import type { Database, Row, Sql } from "./sql.ts";

export interface RequestScopedDatabase {
  /** Talks to the connection of the request it is called in; outside `run`, it throws. */
  db: Database;
  /** Runs one request: its first query opens a connection, which is closed once `work` settles. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

type Connection = Sql & { close(): Promise<void> };

/**
 * A `Database` for services that hold one for their life (the survey pages) when they run in an
 * edge isolate, where a socket opened by one request may not be used by another: each request
 * gets a connection of its own, found through `AsyncLocalStorage`, opened on its first query
 * (a page that reads nothing opens none) and closed at its end. The pooler in front of
 * PostgreSQL (Hyperdrive, PgBouncer) keeps the opening cheap.
 */
export function requestScopedDatabase(
  url: string,
  connect: (url: string) => Promise<Connection> = connectPostgres,
): RequestScopedDatabase {
  const storage = new AsyncLocalStorage<{ connection?: Promise<Connection> }>();

  function current(): Promise<Connection> {
    const scope = storage.getStore();
    if (!scope) throw new Error("the request-scoped database was used outside a request");
    scope.connection ??= connect(url);
    return scope.connection;
  }

  const db: Database = {
    dialect: "postgres",
    connection: { kind: "postgres", url },
    async query<R extends object = Row>(text: string, params?: readonly unknown[]) {
      return (await current()).query<R>(text, params);
    },
    async executeSql(text: string, values?: unknown[]) {
      return (await current()).executeSql(text, values);
    },
    async transaction(work) {
      return (await current()).transaction(work);
    },
    async ping() {
      await (await current()).query("select 1");
    },
    async close() {},
  };

  return {
    db,
    async run(work) {
      const scope: { connection?: Promise<Connection> } = {};
      try {
        return await storage.run(scope, work);
      } finally {
        if (scope.connection) await (await scope.connection.catch(() => undefined))?.close().catch(() => {});
      }
    },
  };
}

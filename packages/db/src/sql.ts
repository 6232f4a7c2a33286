import type { PGlite } from "@electric-sql/pglite";

/** A row as the driver returns it; callers narrow it with a type argument. */
export type Row = Record<string, unknown>;

/**
 * The one way Agora code talks to its database, whether that is an embedded PGlite or a
 * PostgreSQL server. Both speak the same PostgreSQL dialect, so queries are written once.
 *
 * `executeSql` has the shape pg-boss expects of a database adapter, which lets a queue
 * send run inside the same transaction as the rows it belongs to.
 */
export interface Sql {
  readonly dialect: "pglite" | "postgres";
  query<R extends object = Row>(text: string, params?: readonly unknown[]): Promise<R[]>;
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Row[] }>;
  /** Runs `work` in a transaction; inside one already, it joins it. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
}

/** How the queue should reach the same database (pg-boss brings its own pool for PostgreSQL). */
export type Connection = { kind: "postgres"; url: string } | { kind: "pglite"; pglite: PGlite };

export interface Database extends Sql {
  readonly connection: Connection;
  /** Resolves when the database answers a trivial query; used by `/readyz`. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

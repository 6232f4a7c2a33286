export type { Connection, Database, Row, Sql } from "./sql.ts";
export { openDatabase, type OpenDatabaseOptions } from "./open.ts";
export { openPglite, pgliteDatabase } from "./pglite.ts";
export { openPostgres } from "./postgres.ts";
export { migrate, type Migration } from "./migrate.ts";
export * from "./queries/inbox.ts";
export * from "./queries/matrix-messages.ts";
export * from "./queries/forum-messages.ts";
export * from "./queries/triage.ts";

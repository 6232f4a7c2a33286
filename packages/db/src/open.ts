import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseUnavailableError } from "./connection-failure.ts";
import { migrate } from "./migrate.ts";
import { openPglite } from "./pglite.ts";
import { openPostgres } from "./postgres.ts";
import type { Database } from "./sql.ts";

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; when absent, PGlite under `dataDir` is used. */
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  let db: Database;
  if (options.databaseUrl) {
    db = await openPostgres(options.databaseUrl, { max: options.poolSize });
  } else {
    makeDataDir(options.dataDir);
    db = await openPglite(join(options.dataDir, "pglite"));
  }
  await migrate(db);
  return db;
}

function makeDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new DatabaseUnavailableError(
      `the data folder ${dataDir} (AGORA_DATA_DIR) cannot be created (${reason}): point AGORA_DATA_DIR at a writable folder, or set DATABASE_URL`,
      { cause: error },
    );
  }
}

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPostgresDatabase } from "@agora/db/testing";
import pg from "pg";
import { startAgora, type AgoraProcess } from "../processes.ts";

/** A line of the server's JSON log. */
export interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  deliveryId?: string;
  err?: { message?: string; code?: string; type?: string };
  [field: string]: unknown;
}

export interface FuzzTarget {
  url: string;
  agora: AgoraProcess;
  /** A connection of the fuzzer's own, to read what the server stored. */
  db: pg.Client;
  /** The server's log so far, warnings and above. */
  logLines(): LogLine[];
  /** Stops the server (resolving with its exit code) and drops its database. */
  close(): Promise<number | null>;
}

/**
 * `agora start` (intake, delivery workers and survey pages in one process, as `npm start` runs)
 * on a fresh PostgreSQL database, answering on a real port. Every request is said to come
 * through a trusted proxy, so that each fuzzed survey post can name a member of its own and the
 * rate limit never stands between a case and the code it is meant to reach.
 */
export async function startFuzzTarget(): Promise<FuzzTarget> {
  const database = await createPostgresDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), "agora-fuzz-"));
  let agora: AgoraProcess;
  try {
    agora = await startAgora(["start"], {
      DATABASE_URL: database.url,
      AGORA_DATA_DIR: dataDir,
      AGORA_TRUSTED_PROXIES: "127.0.0.1,::1",
      LOG_LEVEL: "warn",
    });
  } catch (error) {
    await database.drop();
    throw error;
  }
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  return {
    url: agora.url,
    agora,
    db,
    logLines() {
      const lines: LogLine[] = [];
      for (const text of agora.output().split("\n")) {
        if (!text.startsWith("{")) continue;
        try {
          lines.push(JSON.parse(text) as LogLine);
        } catch {
          // a line cut by the end of the output so far
        }
      }
      return lines;
    },
    async close() {
      await db.end();
      const code = await agora.stop();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

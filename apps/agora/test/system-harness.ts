import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger, createMetrics } from "@agora/http";
import { createPostgresDatabase } from "@agora/db/testing";
import type { Community } from "@agora/schemas";
import { afterAll, beforeAll } from "vitest";
import { loadSettings } from "../src/settings.ts";
import { buildSystem, type System } from "../src/system.ts";

const example = new URL("../../../config/community.example.yaml", import.meta.url).pathname;
const exampleSurveys = new URL("../../../config/surveys", import.meta.url).pathname;

export interface SystemHarnessOptions {
  /** Settings on top of the example community file and a data folder of the test's own. */
  env?: () => Record<string, string>;
  /** Changes to the example community, for people the test's homeserver knows. */
  community?: (example: Community) => Community;
  /**
   * `pglite` (the embedded default, under a data folder of its own) or `postgres` (a fresh
   * database on the test server). A new PGlite runs initdb and every migration in WebAssembly on
   * the test's own core: about 5 s alone and 25 s while the rest of the suite runs beside it, so
   * tests about something else than the embedded database use PostgreSQL.
   */
  database?: "pglite" | "postgres";
}

/**
 * The whole one-process system on PGlite, built before the tests of the enclosing `describe`
 * and stopped after them. Read `system` inside tests.
 */
export function systemForTests(options: SystemHarnessOptions = {}): { readonly system: System } {
  const dataDir = mkdtempSync(join(tmpdir(), "agora-system-"));
  let system: System | undefined;
  let postgres: { url: string; drop(): Promise<void> } | undefined;
  beforeAll(async () => {
    if (options.database === "postgres") postgres = await createPostgresDatabase();
    const database = postgres ? { DATABASE_URL: postgres.url } : {};
    const settings = loadSettings(
      {
        AGORA_CONFIG: example,
        AGORA_SURVEYS_DIR: exampleSurveys,
        AGORA_DATA_DIR: dataDir,
        ...database,
        ...options.env?.(),
      },
      false,
    );
    if (!settings.ok) throw new Error(settings.problems.join("\n"));
    system = await buildSystem({
      env: settings.env,
      community: options.community ? options.community(settings.community) : settings.community,
      surveyFiles: settings.surveyFiles,
      roles: { intake: true, statusPage: true, workers: true, bot: true, surveys: true },
      service: "agora",
      logger: createLogger({ level: "silent" }),
      metrics: createMetrics({ defaultMetrics: false }),
      queueTiming: { pollingIntervalSeconds: 0.5 },
    });
  });
  afterAll(async () => {
    await system?.stop();
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    get system() {
      if (!system) throw new Error("systemForTests: read inside a test, after beforeAll");
      return system;
    },
  };
}

import type { Env } from "@agora/config";
import { openDatabase } from "@agora/db";
import { createLogger } from "@agora/http";
import { createJobQueue, deliveryJob, notifyJob, triageJob } from "@agora/queue";
import { readSurveyFiles, seedSurveyFiles } from "@agora/surveys";
import type { Output } from "./commands.ts";

/** The jobs producers enqueue inside their own transactions: their queues must exist beforehand. */
const producedJobs = [deliveryJob, notifyJob, triageJob];

/**
 * Brings the database to this version (Agora's tables, pg-boss's schema, the queues producers
 * write to), publishes the survey files of `AGORA_SURVEYS_DIR` as `serve surveys` does at start,
 * and stops. Every process migrates at start; this is for what cannot: an edge isolate (which
 * must not run DDL on a request, and has no folder to read surveys from) or a Kubernetes Job run
 * before a rollout.
 */
export async function runMigrate(env: Env, output: Output): Promise<number> {
  const surveys = readSurveyFiles(env.AGORA_SURVEYS_DIR);
  if (!surveys.ok) {
    output.err(
      `agora migrate: ${env.AGORA_SURVEYS_DIR}: survey files are invalid:\n${surveys.problems.map((p) => `  ${p}`).join("\n")}`,
    );
    return 1;
  }
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.AGORA_DATA_DIR });
  try {
    const logger = createLogger({ level: env.LOG_LEVEL, format: env.AGORA_LOG_FORMAT });
    await seedSurveyFiles({ db, logger: logger.child({ part: "surveys" }) }, surveys.files);
    // One connection is enough for installing a schema; pg-boss's own pool defaults to ten.
    const queue = createJobQueue({ db, poolSize: 1 });
    await queue.start();
    try {
      await queue.register(...producedJobs);
    } finally {
      await queue.stop({ graceful: false, timeoutMs: 1000 });
    }
  } finally {
    await db.close();
  }
  output.out(
    `database migrated (${env.DATABASE_URL ? "PostgreSQL" : `PGlite under ${env.AGORA_DATA_DIR}`}); queues: ${producedJobs.map((j) => j.name).join(", ")}; ` +
      `surveys from ${env.AGORA_SURVEYS_DIR}: ${surveys.files.map((f) => f.definition.slug).join(", ") || "none"}`,
  );
  return 0;
}

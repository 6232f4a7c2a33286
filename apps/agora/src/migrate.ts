import type { Env } from "@agora/config";
import { openDatabase } from "@agora/db";
import { createJobQueue, deliveryJob, notifyJob, triageJob } from "@agora/queue";
import type { Output } from "./commands.ts";

/** The jobs producers enqueue inside their own transactions: their queues must exist beforehand. */
const producedJobs = [deliveryJob, notifyJob, triageJob];

/**
 * Brings the database to this version (Agora's tables, pg-boss's schema, the queues producers
 * write to) and stops. Every process does the same at start; this is for what cannot: an edge
 * isolate (which must not run DDL on a request) or a Kubernetes Job run before a rollout.
 */
export async function runMigrate(env: Env, output: Output): Promise<number> {
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.AGORA_DATA_DIR });
  try {
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
  output.out(`database migrated (${env.DATABASE_URL ? "PostgreSQL" : `PGlite under ${env.AGORA_DATA_DIR}`}); queues: ${producedJobs.map((j) => j.name).join(", ")}`);
  return 0;
}

import type { Env } from "@agora/config";
import { openDatabase } from "@agora/db";
import { createJobQueue, notifyJob } from "@agora/queue";
import type { NotifySend } from "@agora/schemas";

/**
 * For commands run beside the server: enqueues one notify job in Agora's database (DATABASE_URL,
 * or the PGlite under AGORA_DATA_DIR, which only one process may open: stop `agora start` first),
 * where the running notifier picks it up.
 */
export async function enqueueNotifyInAgoraDatabase(
  settings: Pick<Env, "DATABASE_URL" | "AGORA_DATA_DIR">,
  job: NotifySend,
): Promise<void> {
  const db = await openDatabase({ databaseUrl: settings.DATABASE_URL, dataDir: settings.AGORA_DATA_DIR });
  try {
    const queue = createJobQueue({ db, poolSize: 1 });
    await queue.start();
    try {
      await queue.send(notifyJob, job);
    } finally {
      await queue.stop();
    }
  } finally {
    await db.close();
  }
}

import type { Env } from "@agora/config";
import { openDatabase, type Sql } from "@agora/db";
import { createJobQueue, notifyJob, type JobQueue } from "@agora/queue";
import type { NotifySend } from "@agora/schemas";

type Settings = Pick<Env, "DATABASE_URL" | "AGORA_DATA_DIR">;

/**
 * For commands run beside the server: enqueues one notify job in Agora's database (DATABASE_URL,
 * or the PGlite under AGORA_DATA_DIR, which only one process may open: stop `agora start` first),
 * where the running notifier picks it up.
 */
export async function enqueueNotifyInAgoraDatabase(settings: Settings, job: NotifySend): Promise<void> {
  await inAgoraQueue(settings, async ({ queue }) => void (await queue.send(notifyJob, job)));
}

/** Runs `work` with Agora's database and a started queue on it (notify jobs registered), then closes both. */
export async function inAgoraQueue<T>(
  settings: Settings,
  work: (agora: { db: Sql; queue: JobQueue }) => Promise<T>,
): Promise<T> {
  const db = await openDatabase({ databaseUrl: settings.DATABASE_URL, dataDir: settings.AGORA_DATA_DIR });
  try {
    const queue = createJobQueue({ db, poolSize: 1 });
    await queue.start();
    try {
      await queue.register(notifyJob);
      return await work({ db, queue });
    } finally {
      await queue.stop();
    }
  } finally {
    await db.close();
  }
}

import type { Database } from "@agora/db";
import type { Logger } from "@agora/http";
import { createMatrixTransport } from "@agora/matrix";
import { startNotifierWorker } from "@agora/notifier";
import type { JobQueue } from "@agora/queue";
import type { AgoraEnv } from "./settings.ts";

/**
 * Starts the Matrix notifier worker when a homeserver and the bot's token are configured, and
 * says what it did for the status page. Without them notify jobs wait in the queue, listed on
 * the status page, and go out once a process with a homeserver starts.
 */
export async function startMatrixNotifier({
  env,
  db,
  queue,
  logger,
}: {
  env: AgoraEnv;
  db: Database;
  queue: JobQueue;
  logger: Logger;
}): Promise<{ on: boolean; note: string }> {
  if (!env.MATRIX_HOMESERVER_URL) return { on: false, note: "no homeserver: messages wait in the queue" };
  if (!env.MATRIX_ACCESS_TOKEN)
    return { on: false, note: "set MATRIX_ACCESS_TOKEN to send: messages wait in the queue" };
  // A token the homeserver refuses stops the start, like any other bad setting.
  const transport = await createMatrixTransport({
    baseUrl: env.MATRIX_HOMESERVER_URL,
    accessToken: env.MATRIX_ACCESS_TOKEN,
    userId: env.MATRIX_USER_ID,
  });
  await startNotifierWorker({ queue, db, transport, logger: logger.child({ part: "notifier" }) });
  return { on: true, note: `sending as ${transport.userId}` };
}

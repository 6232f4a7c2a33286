import type { Database } from "@agora/db";
import type { Logger } from "@agora/http";
import {
  createBot,
  createBotStateStore,
  createCommandRouter,
  createPermissions,
  replyJob,
  type Bot,
  type CommandRouter,
} from "@agora/notifier";
import { notifyJob, type JobQueue } from "@agora/queue";
import type { Community } from "@agora/schemas";
import type { AgoraEnv } from "./settings.ts";
import { registerTriageChat } from "./triage.ts";

export interface StartedBot {
  part: { on: boolean; note: string };
  /** Where services register their chat commands (triage will). */
  router: CommandRouter;
  stop(): Promise<void>;
}

async function statusText(queue: JobQueue): Promise<string> {
  const depths = await queue.depths();
  const lines = depths.map(
    (d) => `${d.name}: ${d.queued} queued, ${d.active} running, ${d.retrying} retrying, ${d.deadLetters} dead letters`,
  );
  return ["Agora is running.", ...lines].join("\n");
}

/**
 * Starts the chat bot when a homeserver and the bot's credentials are configured. Only one
 * process may run it (it owns the sync token): `agora start`, or `agora bot` in a scaled-out
 * deployment. With an access token its answers go through the durable notify queue, sent by
 * the notifier with the same session; after a password login the bot sends them itself.
 */
export function startMatrixBot(options: {
  env: AgoraEnv;
  community: Community;
  db: Database;
  queue: JobQueue;
  logger: Logger;
}): StartedBot {
  const { env, queue } = options;
  const router = createCommandRouter();
  const auth = env.MATRIX_ACCESS_TOKEN
    ? { accessToken: env.MATRIX_ACCESS_TOKEN }
    : env.MATRIX_USER_ID && env.MATRIX_PASSWORD
      ? { userId: env.MATRIX_USER_ID, password: env.MATRIX_PASSWORD }
      : undefined;
  if (!env.MATRIX_HOMESERVER_URL || !auth) {
    const note = env.MATRIX_HOMESERVER_URL
      ? "set MATRIX_ACCESS_TOKEN, or MATRIX_USER_ID and MATRIX_PASSWORD"
      : "no homeserver";
    return { part: { on: false, note }, router, stop: async () => {} };
  }
  const permissions = createPermissions(options.community);
  const triage = registerTriageChat({ ...options, router, permissions });
  const bot: Bot = createBot({
    homeserverUrl: env.MATRIX_HOMESERVER_URL,
    auth,
    store: createBotStateStore({ db: options.db }),
    router,
    permissions,
    status: () => statusText(queue),
    logger: options.logger.child({ part: "bot" }),
    ...("accessToken" in auth
      ? {
          sendReply: async (reply) => {
            await queue.send(notifyJob, replyJob(reply));
          },
        }
      : {}),
  });
  bot.start();
  const note = `answers !agora commands in rooms it is invited to${triage ? ", triage included" : " (set GITLAB_URL and GITLAB_TOKEN for !agora triage)"}`;
  return { part: { on: true, note }, router, stop: () => bot.stop() };
}

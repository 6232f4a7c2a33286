// How the app starts triage: its job worker, its scheduled sweeps and its chat commands, each
// only when GitLab is configured.
import { readFile } from "node:fs/promises";
import type { Database } from "@agora/db";
import type { Logger } from "@agora/http";
import { notifyJob, type JobQueue } from "@agora/queue";
import type { Community, NotifySend } from "@agora/schemas";
import {
  parseModel,
  registerTriageCommands,
  startScheduledSweeps,
  startTriageWorker,
  type ChatCommandRouter,
} from "@agora/triage";
import type { BotPermissions } from "@agora/notifier";
import type { AgoraEnv } from "./settings.ts";

/** What both triage parts of a process start from. */
interface TriagePartOptions {
  env: AgoraEnv;
  community: Community;
  db: Database;
  queue: JobQueue;
  logger: Logger;
}

/**
 * Starts the triage worker when GitLab's URL and a token are configured, with the model file of
 * AGORA_TRIAGE_MODEL when one is set (rules alone otherwise), and says what it did for the status
 * page. Without GitLab, triage jobs wait in the queue until a process with it starts.
 */
export async function startTriage({
  env,
  community,
  db,
  queue,
  logger,
}: TriagePartOptions): Promise<{ on: boolean; note: string }> {
  if (!env.GITLAB_URL || !env.GITLAB_TOKEN)
    return { on: false, note: "set GITLAB_URL and GITLAB_TOKEN to route bugs: triage jobs wait in the queue" };
  // A model file that is missing or unreadable stops the start, like any other bad setting.
  const model = env.AGORA_TRIAGE_MODEL ? parseModel(await readFile(env.AGORA_TRIAGE_MODEL, "utf8")) : undefined;
  await startTriageWorker({
    queue,
    db,
    gitlab: { url: env.GITLAB_URL, token: env.GITLAB_TOKEN },
    community,
    model,
    threshold: env.AGORA_TRIAGE_THRESHOLD,
    logger: logger.child({ part: "triage" }),
  });
  const source = model
    ? `rules and the model ${env.AGORA_TRIAGE_MODEL}`
    : "the community file's rules (no AGORA_TRIAGE_MODEL)";
  return { on: true, note: `routing by ${source}, acting at ${env.AGORA_TRIAGE_THRESHOLD}` };
}

/**
 * Schedules the community file's triage sweeps and works them, when GitLab is configured. The
 * queue must run pg-boss's scheduler (`schedule: true`), as the workers role's does.
 */
export async function startTriageSweeps({
  env,
  community,
  db,
  queue,
  logger,
}: TriagePartOptions): Promise<{ on: boolean; note: string }> {
  if (!env.GITLAB_URL || !env.GITLAB_TOKEN)
    return { on: false, note: "set GITLAB_URL and GITLAB_TOKEN to run the sweeps of the triage: section" };
  return startScheduledSweeps({
    queue,
    db,
    gitlab: { url: env.GITLAB_URL, token: env.GITLAB_TOKEN },
    community,
    logger: logger.child({ part: "triage-sweeps" }),
  });
}

/**
 * Registers `!agora triage` on the bot's router when GitLab is configured: the commands act
 * through the worker's token, so without one there is nothing they could do.
 */
export function registerTriageChat({
  env,
  community,
  db,
  queue,
  router,
  permissions,
  logger,
}: {
  env: AgoraEnv;
  community: Community;
  db: Database;
  queue: JobQueue;
  router: ChatCommandRouter;
  permissions: BotPermissions;
  logger: Logger;
}): boolean {
  if (!env.GITLAB_URL || !env.GITLAB_TOKEN) return false;
  const gitlab = { url: env.GITLAB_URL, token: env.GITLAB_TOKEN };
  // A bug moved from chat is told to both SIGs' rooms through the notifier, like any message.
  const notify = async (jobs: NotifySend[]) => void (await queue.sendMany(notifyJob, jobs));
  registerTriageCommands({
    router,
    ctx: { gitlab, community, db, permissions, notify, logger: logger.child({ part: "triage-chat" }) },
  });
  return true;
}

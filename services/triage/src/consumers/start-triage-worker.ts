import type { Sql } from "@agora/db";
import { createGitlabApi } from "@agora/gitlab";
import { notifyJob, triageJob, type JobQueue } from "@agora/queue";
import type { Community, NotifyJob } from "@agora/schemas";
import { botUsername, type ActionsLogger } from "../actions/actions-context.ts";
import type { LinearModel } from "../classifier/linear-model.ts";
import { asTriageJob } from "./job-failure.ts";
import { triageIssue } from "./triage-issue.ts";

export interface StartTriageWorkerOptions {
  queue: JobQueue;
  db: Sql;
  /** The GitLab the bot writes to; its client is built here, once per worker. */
  gitlab: { url: string; token: string };
  community: Community;
  model?: LinearModel | undefined;
  threshold: number;
  logger: ActionsLogger;
}

/**
 * Works `triage` jobs: one issue at a time per slot, with notify jobs for the rooms enqueued in
 * the transaction that records the decision. Both job kinds must already be registered.
 */
export async function startTriageWorker(options: StartTriageWorkerOptions): Promise<void> {
  const { queue, db, community, model, threshold, logger } = options;
  const gitlab = createGitlabApi(options.gitlab);
  const ctx = {
    db,
    actions: { gitlab, community, logger, botUsername: botUsername(community) },
    routing: { community, model, threshold },
    enqueueNotify: async (tx: Sql, jobs: NotifyJob[]) => {
      await queue.sendMany(notifyJob, jobs, { tx });
    },
  };
  await queue.work(
    triageJob,
    async (input, { jobId }) => {
      const outcome = await asTriageJob(() => triageIssue({ ctx, input }));
      logger.info(
        {
          jobId,
          projectId: input.projectId,
          issueIid: input.issueIid,
          status: outcome.result.status,
          sig: outcome.routing?.sig,
          notified: outcome.notified,
        },
        "triaged an issue",
      );
    },
    { concurrency: 2 },
  );
}

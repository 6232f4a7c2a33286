import type { Sql } from "@agora/db";
import { createGitlabApi, GitlabCallError, rateLimitPatient } from "@agora/gitlab";
import { notifyJob, PermanentJobError, triageSweepJob, type JobQueue } from "@agora/queue";
import type { Community } from "@agora/schemas";
import type { ActionsLogger } from "../actions/actions-context.ts";
import { enqueueNeedsInfoPings } from "./needs-info-pings.ts";
import { sweptProjects } from "./resolve-projects.ts";
import { runTriageSweep } from "./run-sweep.ts";

export interface ScheduledSweepsOptions {
  /** Started with `schedule: true`, or the schedule is stored and never sent from this process. */
  queue: JobQueue;
  /** Where pings are claimed, in the transaction that enqueues their messages. */
  db: Sql;
  /** The GitLab the bot writes to; its client is built here, once. */
  gitlab: { url: string; token: string };
  community: Community;
  logger: ActionsLogger;
  now?: () => Date;
}

/**
 * Stores the community file's sweep schedule in the queue and works the sweep jobs it sends: the
 * scheduler sends one job per occurrence whatever the number of worker replicas, and one of them
 * runs it. The digest goes to the triage room as a notify job. Without a `triage:` section or a
 * project to sweep, an earlier start's schedule is removed. Returns a line for the status page.
 */
export async function startScheduledSweeps(options: ScheduledSweepsOptions): Promise<{ on: boolean; note: string }> {
  const { queue, db, community, logger } = options;
  const policies = community.triage;
  const projects = sweptProjects(community);
  if (!policies || projects.length === 0) {
    await queue.unschedule(triageSweepJob);
    const why = policies
      ? "no project to sweep (triage.projects, or sigs[].gitlab.projects)"
      : "no triage: section in the community file";
    return { on: false, note: `no scheduled sweeps: ${why}` };
  }
  // A sweep makes many calls in a row, the kind GitLab's rate limits are for: each waits its turn.
  const gitlab = rateLimitPatient(createGitlabApi(options.gitlab), {
    limitMs: 5 * 60_000,
    onWait: (waitMs) => logger.info({ waitMs }, "GitLab asked the sweep to wait; waiting"),
  });
  const now = options.now ?? (() => new Date());
  // The pings' messages are sent inside a transaction, which needs their queue to exist already.
  await queue.register(notifyJob);
  await queue.work(triageSweepJob, async (_data, { jobId }) => {
    try {
      const at = now();
      const run = await runTriageSweep({
        ctx: {
          gitlab,
          now: at,
          triageRoom: community.matrix?.triage_room,
          enqueueNotify: async (job) => void (await queue.send(notifyJob, job)),
          pingWaiting: (plan) => enqueueNeedsInfoPings({ db, queue }, { community, plan, now: at }),
        },
        input: { policies, projects, dryRun: false },
      });
      for (const { planned, reason } of run.result?.failed ?? []) {
        logger.warn(
          { jobId, projectId: planned.issue.projectId, issueIid: planned.issue.iid, action: planned.action, reason },
          "GitLab refused a sweep action",
        );
      }
      if (run.unknownProjects.length)
        logger.warn({ jobId, projects: run.unknownProjects }, "GitLab knows no such project; not swept");
      if (run.unpostedDigest)
        logger.warn({ jobId, lines: run.unpostedDigest.length }, "no matrix.triage_room for the sweep's digest");
      logger.info(
        {
          jobId,
          planned: run.plan.length,
          done: run.result?.done.length ?? 0,
          digest: run.digest?.dedupeKey,
          pinged: run.pinged,
        },
        "triage sweep ran",
      );
    } catch (error) {
      // A token without the rights stays without them until a person acts: no point in retrying.
      if (error instanceof GitlabCallError && error.failure.kind !== "transient") {
        throw new PermanentJobError(`the triage sweep failed: ${error.message}`, { cause: error });
      }
      throw error;
    }
  });
  await queue.schedule(triageSweepJob, policies.schedule, {});
  return { on: true, note: `${projects.length} project(s) swept on "${policies.schedule}" (UTC)` };
}

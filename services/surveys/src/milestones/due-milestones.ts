import { listSurveys, type Sql } from "@agora/db";
import { SurveyDefinition, type NotifySend } from "@agora/schemas";
import { availability } from "../verbs/load-survey.ts";
import { enqueueMilestone } from "./enqueue-milestone.ts";
import { lastAnswerMilestone, milestoneJob, type Milestone } from "./milestone-jobs.ts";

export interface DueMilestonesContext {
  db: Sql;
  publicUrl: string;
  /**
   * Dedupe keys already enqueued by this process, so a tick does not send the same job again
   * every minute. Across restarts the job id (made from the key) and the notifier's dedupe keep
   * a milestone to one message.
   */
  sent?: Set<string>;
}

/**
 * Enqueues the milestones that are due: "opened" for an open survey inside its window (its
 * `opens_at` passed, or it has none: a survey published by file is announced so), the latest
 * "every N answers" reached, and "closed" with the count for an open survey whose `closes_at`
 * passed. Returns the dedupe keys it enqueued.
 *
 * The answer-count milestone is sent from this tick rather than from the answer's transaction:
 * a job made there would carry the exact second of one member's answer.
 */
export async function sendDueMilestones({
  ctx,
  input,
}: {
  ctx: DueMilestonesContext;
  input: { now: Date };
}): Promise<string[]> {
  const enqueued: string[] = [];
  for (const stored of await listSurveys(ctx.db)) {
    if (stored.state !== "open") continue;
    const parsed = SurveyDefinition.safeParse(stored.definition);
    if (!parsed.success || !parsed.data.milestones) continue;
    for (const job of dueJobs({ stored, definition: parsed.data }, input.now, ctx.publicUrl)) {
      if (ctx.sent?.has(job.dedupeKey)) continue;
      if (await enqueueMilestone(ctx.db, job)) enqueued.push(job.dedupeKey);
      ctx.sent?.add(job.dedupeKey);
    }
  }
  return enqueued;
}

function dueJobs(survey: Parameters<typeof availability>[0], now: Date, publicUrl: string): NotifySend[] {
  const window = availability(survey, now);
  const count = survey.stored.answerCount;
  const reached = lastAnswerMilestone(survey.definition, count);
  const milestones: Milestone[] =
    window === "open"
      ? [{ kind: "opened" }, ...(reached ? [{ kind: "answers", count: reached } as const] : [])]
      : window === "closed"
        ? [{ kind: "closed", count }]
        : [];
  return milestones.flatMap((m) => milestoneJob(survey.definition, m, publicUrl) ?? []);
}

import { listSurveys, type Sql } from "@agora/db";
import type { JobQueue } from "@agora/queue";
import { SurveyDefinition, type NotifySend } from "@agora/schemas";
import { availability } from "../verbs/load-survey.ts";
import { enqueueMilestone } from "./enqueue-milestone.ts";
import { milestoneJob } from "./milestone-jobs.ts";

export interface DueMilestonesContext {
  db: Sql;
  queue: JobQueue;
  publicUrl: string;
  /**
   * Dedupe keys already enqueued by this process, so a tick does not send the same job again
   * every minute. Across restarts the job id (made from the key) and the notifier's dedupe keep
   * a milestone to one message.
   */
  sent?: Set<string>;
}

/**
 * Enqueues the time-window milestones that are due: "opened" for an open survey inside its window
 * (its `opens_at` passed, or it has none: a survey published by file is announced so), "closed"
 * with the count for an open survey whose `closes_at` passed. Returns the dedupe keys it enqueued.
 */
export async function sendDueMilestones({ ctx, input }: { ctx: DueMilestonesContext; input: { now: Date } }): Promise<string[]> {
  const enqueued: string[] = [];
  for (const stored of await listSurveys(ctx.db)) {
    if (stored.state !== "open") continue;
    const parsed = SurveyDefinition.safeParse(stored.definition);
    if (!parsed.success || !parsed.data.milestones) continue;
    const job = dueJob({ stored, definition: parsed.data }, input.now, ctx.publicUrl);
    if (!job || ctx.sent?.has(job.dedupeKey)) continue;
    if (await enqueueMilestone(ctx.queue, job)) enqueued.push(job.dedupeKey);
    ctx.sent?.add(job.dedupeKey);
  }
  return enqueued;
}

function dueJob(survey: Parameters<typeof availability>[0], now: Date, publicUrl: string): NotifySend | undefined {
  const window = availability(survey, now);
  if (window === "open") return milestoneJob(survey.definition, { kind: "opened" }, publicUrl);
  if (window === "closed") return milestoneJob(survey.definition, { kind: "closed", count: survey.stored.answerCount }, publicUrl);
  return undefined;
}

import { getSurvey, setSurveyState, type Sql } from "@agora/db";
import { enqueueMilestone } from "../milestones/enqueue-milestone.ts";
import { milestoneJob } from "../milestones/milestone-jobs.ts";
import { availability, loadSurvey } from "./load-survey.ts";

export interface SurveyStateContext {
  db: Sql;
  publicUrl: string;
  now(): Date;
}

export type SetSurveyStateResult =
  { ok: true; state: "open" | "closed"; changed: boolean } | { ok: false; reason: "no-survey" };

/**
 * Opens or closes a survey. Idempotent: asking for the state it has changes nothing and sends
 * nothing. The milestone ("opened", or "closed" with the count and the results link) is enqueued
 * in the transaction of the change, so there is a message exactly when the change commits. An
 * opened survey whose `opens_at` lies ahead is announced by the survey clock when it opens.
 */
export async function setSurveyOpenState({
  ctx,
  input,
}: {
  ctx: SurveyStateContext;
  input: { slug: string; state: "open" | "closed" };
}): Promise<SetSurveyStateResult> {
  const survey = await loadSurvey(ctx.db, input.slug);
  if (!survey) return { ok: false, reason: "no-survey" };
  const changed = await ctx.db.transaction(async (tx) => {
    const previous = await setSurveyState(tx, input.slug, input.state);
    if (previous === undefined || previous === input.state) return false;
    const after = await getSurvey(tx, input.slug);
    const job = milestoneFor(input.state, { ...survey, stored: after ?? survey.stored }, ctx);
    if (job) await enqueueMilestone(tx, job);
    return true;
  });
  return { ok: true, state: input.state, changed };
}

function milestoneFor(
  state: "open" | "closed",
  survey: NonNullable<Awaited<ReturnType<typeof loadSurvey>>>,
  ctx: SurveyStateContext,
) {
  if (state === "closed")
    return milestoneJob(survey.definition, { kind: "closed", count: survey.stored.answerCount }, ctx.publicUrl);
  return availability(survey, ctx.now()) === "open"
    ? milestoneJob(survey.definition, { kind: "opened" }, ctx.publicUrl)
    : undefined;
}

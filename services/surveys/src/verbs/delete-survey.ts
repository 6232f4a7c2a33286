import { deleteSurvey, lockSurvey, type Sql } from "@agora/db";

export type DeleteSurveyResult =
  | { ok: true }
  | { ok: false; reason: "no-survey" }
  | { ok: false; reason: "not-draft" | "has-answers"; problem: string };

/**
 * Deletes a survey that never took an answer and is still a draft. Anything further along has
 * answers, or had a link out in the world, and is closed instead.
 */
export async function deleteDraftSurvey({
  ctx,
  input,
}: {
  ctx: { db: Sql };
  input: { slug: string };
}): Promise<DeleteSurveyResult> {
  return ctx.db.transaction<DeleteSurveyResult>(async (tx) => {
    const row = await lockSurvey(tx, input.slug);
    if (!row) return { ok: false, reason: "no-survey" };
    if (row.state !== "draft")
      return {
        ok: false,
        reason: "not-draft",
        problem: `survey "${input.slug}" is ${row.state}; only a draft can be deleted (close it instead)`,
      };
    if (row.answerCount > 0)
      return {
        ok: false,
        reason: "has-answers",
        problem: `survey "${input.slug}" has ${row.answerCount} answers and cannot be deleted`,
      };
    await deleteSurvey(tx, input.slug);
    return { ok: true };
  });
}

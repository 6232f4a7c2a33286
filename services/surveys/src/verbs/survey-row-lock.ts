import type { Sql } from "@agora/db";

export interface LockedSurvey {
  state: string;
  answerCount: number;
  source: string;
  definition: unknown;
}

/**
 * Locks a survey's row for the rest of the transaction and reads what a change must check. An
 * answer being stored updates the same row (its count), so it waits for the change, and a check
 * of "no answers yet" still holds when the change commits.
 */
export async function lockSurveyRow(tx: Sql, slug: string): Promise<LockedSurvey | undefined> {
  const rows = await tx.query<{ state: string; answer_count: number; source: string; definition: unknown }>(
    "select state, answer_count, source, definition from agora_survey where slug = $1 for update",
    [slug],
  );
  const row = rows[0];
  return row && { state: row.state, answerCount: row.answer_count, source: row.source, definition: row.definition };
}

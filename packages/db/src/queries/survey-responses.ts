import type { Sql } from "../sql.ts";

/**
 * What entitles one answer: nothing (an open survey), an invite token (deleted as it is spent),
 * or a blind token (remembered as spent). Only hashes reach the database.
 */
export type AnswerTicket =
  { kind: "none" } | { kind: "invite"; tokenSha256: string } | { kind: "blind"; tokenSha256: string };

export interface NewResponse {
  slug: string;
  answers: unknown;
  texts: unknown;
  /** The day only (`YYYY-MM-DD`, UTC): a finer time could tell who answered by when they did. */
  day: string;
  ticket: AnswerTicket;
}

export type StoreResponseResult =
  { stored: true; answerCount: number } | { stored: false; reason: "ticket-spent" | "not-open" };

/**
 * Stores one answer and spends its ticket in one transaction. Two submits of one token race on
 * the ticket's row: the second waits for the first and then finds it gone (or already spent).
 */
export async function storeResponse(sql: Sql, response: NewResponse): Promise<StoreResponseResult> {
  return sql
    .transaction<StoreResponseResult>(async (tx) => {
      if (!(await spendTicket(tx, response.slug, response.ticket))) return { stored: false, reason: "ticket-spent" };
      const counted = await tx.query<{ answer_count: number }>(
        `update agora_survey set answer_count = answer_count + 1
       where slug = $1 and state = 'open' returning answer_count`,
        [response.slug],
      );
      const answerCount = counted[0]?.answer_count;
      // Throwing rolls back the spent ticket too, so a token is never lost to a closed survey.
      if (answerCount === undefined) throw new SurveyNotOpenError(response.slug);
      await tx.query("insert into agora_survey_response (survey_slug, day, answers, texts) values ($1, $2, $3, $4)", [
        response.slug,
        response.day,
        JSON.stringify(response.answers),
        JSON.stringify(response.texts),
      ]);
      return { stored: true, answerCount };
    })
    .catch((error: unknown) => {
      if (error instanceof SurveyNotOpenError) return { stored: false, reason: "not-open" } as const;
      throw error;
    });
}

class SurveyNotOpenError extends Error {}

async function spendTicket(tx: Sql, slug: string, ticket: AnswerTicket): Promise<boolean> {
  if (ticket.kind === "none") return true;
  if (ticket.kind === "invite") return spendInvite(tx, slug, ticket.tokenSha256);
  const rows = await tx.query(
    `insert into agora_survey_spent_token (survey_slug, token_sha256) values ($1, $2)
     on conflict do nothing returning token_sha256`,
    [slug, ticket.tokenSha256],
  );
  return rows.length === 1;
}

/** Deletes an invite as it is used; false when it never existed or was used already. */
export async function spendInvite(tx: Sql, slug: string, tokenSha256: string): Promise<boolean> {
  const rows = await tx.query(
    "delete from agora_survey_invite where survey_slug = $1 and token_sha256 = $2 returning token_sha256",
    [slug, tokenSha256],
  );
  return rows.length === 1;
}

export async function addInvites(sql: Sql, slug: string, tokenSha256s: readonly string[]): Promise<void> {
  await sql.query(
    `insert into agora_survey_invite (survey_slug, token_sha256)
     select $1, unnest($2::text[]) on conflict do nothing`,
    [slug, tokenSha256s],
  );
}

export async function countInvites(sql: Sql, slug: string): Promise<number> {
  const rows = await sql.query<{ n: number }>(
    "select count(*)::int as n from agora_survey_invite where survey_slug = $1",
    [slug],
  );
  return rows[0]?.n ?? 0;
}

export interface StoredResponse {
  id: string;
  day: string;
  answers: Record<string, unknown>;
  texts: Record<string, string>;
}

/** Every answer of a survey, ordered by their random ids so the order says nothing of time. */
export async function listResponses(sql: Sql, slug: string): Promise<StoredResponse[]> {
  // The day as text: drivers turn a date into a local midnight, which shifts it in some zones.
  return sql.query<StoredResponse>(
    "select id, day::text as day, answers, texts from agora_survey_response where survey_slug = $1 order by id",
    [slug],
  );
}

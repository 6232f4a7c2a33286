import type { Sql } from "../sql.ts";

export type SurveyStateName = "draft" | "open" | "closed";

/** A survey as stored; `definition` is checked by the surveys service, not here. */
export interface StoredSurvey {
  slug: string;
  definition: unknown;
  state: SurveyStateName;
  source: string;
  sourceSha256: string | null;
  answerCount: number;
  blindPublicKey: string | null;
  createdAt: string;
  updatedAt: string;
}

interface SurveyRow {
  slug: string;
  definition: unknown;
  state: SurveyStateName;
  source: string;
  source_sha256: string | null;
  answer_count: number;
  blind_public_key: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();
const toSurvey = (r: SurveyRow): StoredSurvey => ({
  slug: r.slug,
  definition: r.definition,
  state: r.state,
  source: r.source,
  sourceSha256: r.source_sha256,
  answerCount: r.answer_count,
  blindPublicKey: r.blind_public_key,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

const columns =
  "slug, definition, state, source, source_sha256, answer_count, blind_public_key, created_at, updated_at";

export async function getSurvey(sql: Sql, slug: string): Promise<StoredSurvey | undefined> {
  const rows = await sql.query<SurveyRow>(`select ${columns} from agora_survey where slug = $1`, [slug]);
  return rows[0] && toSurvey(rows[0]);
}

/**
 * Reads a survey and locks its row for the rest of the transaction `sql` belongs to. An answer
 * being stored updates the same row (its count), so it waits for the change, and a check of
 * "no answers yet" made on what this returns still holds when the change commits.
 */
export async function lockSurvey(sql: Sql, slug: string): Promise<StoredSurvey | undefined> {
  const rows = await sql.query<SurveyRow>(`select ${columns} from agora_survey where slug = $1 for update`, [slug]);
  return rows[0] && toSurvey(rows[0]);
}

export async function listSurveys(sql: Sql): Promise<StoredSurvey[]> {
  const rows = await sql.query<SurveyRow>(`select ${columns} from agora_survey order by created_at, slug`);
  return rows.map(toSurvey);
}

export interface NewSurvey {
  slug: string;
  definition: unknown;
  state?: SurveyStateName;
  source?: string;
  sourceSha256?: string | null;
  blindKeys?: { privateKeyPem: string; publicKeyPem: string };
}

/** Stores a new survey; false when the slug is taken. */
export async function insertSurvey(sql: Sql, survey: NewSurvey): Promise<boolean> {
  const rows = await sql.query(
    `insert into agora_survey (slug, definition, state, source, source_sha256, blind_private_key, blind_public_key)
     values ($1, $2, $3, $4, $5, $6, $7) on conflict (slug) do nothing returning slug`,
    [
      survey.slug,
      JSON.stringify(survey.definition),
      survey.state ?? "draft",
      survey.source ?? "api",
      survey.sourceSha256 ?? null,
      survey.blindKeys?.privateKeyPem ?? null,
      survey.blindKeys?.publicKeyPem ?? null,
    ],
  );
  return rows.length === 1;
}

/** Replaces the definition (and, for a file's survey, the file's hash); false when there is no such survey. */
export async function updateSurveyDefinition(
  sql: Sql,
  slug: string,
  definition: unknown,
  source?: { sourceSha256: string },
): Promise<boolean> {
  const rows = await sql.query(
    `update agora_survey set definition = $2, source_sha256 = coalesce($3, source_sha256), updated_at = now()
     where slug = $1 returning slug`,
    [slug, JSON.stringify(definition), source?.sourceSha256 ?? null],
  );
  return rows.length === 1;
}

/** Gives a survey the key pair that signs its blind tokens, unless it has one already. */
export async function setSurveyBlindKeys(
  sql: Sql,
  slug: string,
  keys: { privateKeyPem: string; publicKeyPem: string },
): Promise<void> {
  await sql.query(
    `update agora_survey set blind_private_key = $2, blind_public_key = $3 where slug = $1 and blind_private_key is null`,
    [slug, keys.privateKeyPem, keys.publicKeyPem],
  );
}

export async function getSurveyBlindPrivateKey(sql: Sql, slug: string): Promise<string | undefined> {
  const rows = await sql.query<{ blind_private_key: string | null }>(
    "select blind_private_key from agora_survey where slug = $1",
    [slug],
  );
  return rows[0]?.blind_private_key ?? undefined;
}

/** Moves a survey to `state`; returns the state it had, or undefined when there is no such survey. */
export async function setSurveyState(
  sql: Sql,
  slug: string,
  state: SurveyStateName,
): Promise<SurveyStateName | undefined> {
  const rows = await sql.query<{ previous: SurveyStateName }>(
    `update agora_survey s set state = $2, updated_at = now()
     from (select slug, state as previous from agora_survey where slug = $1 for update) p
     where s.slug = p.slug returning p.previous`,
    [slug, state],
  );
  return rows[0]?.previous;
}

export async function deleteSurvey(sql: Sql, slug: string): Promise<boolean> {
  const rows = await sql.query("delete from agora_survey where slug = $1 returning slug", [slug]);
  return rows.length === 1;
}

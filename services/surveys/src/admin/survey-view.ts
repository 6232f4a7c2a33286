import { countInvites, type Sql, type StoredSurvey } from "@agora/db";
import { defaultLanguage, localize, SurveyDefinition } from "@agora/schemas";
import { availability } from "../verbs/load-survey.ts";

/** A survey as the admin list shows it. */
export function surveyListItem(stored: StoredSurvey, now: Date) {
  const parsed = SurveyDefinition.safeParse(stored.definition);
  const definition = parsed.success ? parsed.data : undefined;
  return {
    slug: stored.slug,
    // A definition that no longer parses is listed (so an admin can see and fix it), by its slug.
    title: definition
      ? localize(definition.title, defaultLanguage(definition), defaultLanguage(definition))
      : stored.slug,
    state: stored.state,
    availability: definition
      ? availability({ stored, definition }, now)
      : stored.state === "open"
        ? "closed"
        : stored.state,
    answerCount: stored.answerCount,
    accessMode: definition?.access.mode ?? null,
    source: stored.source,
  } as const;
}

/** One survey in full for an admin: definition, state, counts, and a blind survey's public key. */
export async function surveyDetail(db: Sql, stored: StoredSurvey, now: Date) {
  return {
    ...surveyListItem(stored, now),
    inviteCount: await countInvites(db, stored.slug),
    blindPublicKey: stored.blindPublicKey,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
    definition: stored.definition as Record<string, unknown>,
  };
}

import { getSurvey, type Sql, type StoredSurvey } from "@agora/db";
import { SurveyDefinition, SurveySlug } from "@agora/schemas";

export interface LoadedSurvey {
  stored: StoredSurvey;
  definition: SurveyDefinition;
}

/** A stored survey with its definition checked again, so code after this can trust its shape. */
export async function loadSurvey(db: Sql, slug: string): Promise<LoadedSurvey | undefined> {
  // No survey can have such a slug, and one with a NUL in it would fail the query itself: the
  // pages answer "not found" for it as for any other slug that names no survey.
  if (!SurveySlug.safeParse(slug).success) return undefined;
  const stored = await getSurvey(db, slug);
  if (!stored) return undefined;
  // Stored definitions were checked when written; one that no longer parses (a schema made
  // stricter since) is treated as absent rather than served half-understood.
  const parsed = SurveyDefinition.safeParse(stored.definition);
  return parsed.success ? { stored, definition: parsed.data } : undefined;
}

export type Availability = "open" | "not-yet" | "closed" | "draft";

/** Whether answers are taken now: the admin's state and the definition's window both allow it. */
export function availability(survey: LoadedSurvey, now: Date): Availability {
  if (survey.stored.state === "draft") return "draft";
  if (survey.stored.state === "closed") return "closed";
  const { opens_at, closes_at } = survey.definition;
  if (opens_at && now.getTime() < Date.parse(opens_at)) return "not-yet";
  if (closes_at && now.getTime() >= Date.parse(closes_at)) return "closed";
  return "open";
}

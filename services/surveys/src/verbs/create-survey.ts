import { insertSurvey, type Sql, type SurveyStateName } from "@agora/db";
import type { SurveyDefinition } from "@agora/schemas";
import { newBlindKeys } from "../blind/blind-keys.ts";

export interface CreateSurveyInput {
  definition: SurveyDefinition;
  state?: SurveyStateName;
  /** The file it was read from, with the file's hash; absent for the admin API. */
  file?: { path: string; sha256: string };
}

/** Stores a new survey, with its signing keys when it is blind; false when the slug is taken. */
export async function createSurvey({ ctx, input }: { ctx: { db: Sql }; input: CreateSurveyInput }): Promise<boolean> {
  const blindKeys = input.definition.access.mode === "blind" ? await newBlindKeys() : undefined;
  return insertSurvey(ctx.db, {
    slug: input.definition.slug,
    definition: input.definition,
    state: input.state ?? "draft",
    source: input.file ? `file:${input.file.path}` : "api",
    sourceSha256: input.file?.sha256 ?? null,
    ...(blindKeys && { blindKeys }),
  });
}

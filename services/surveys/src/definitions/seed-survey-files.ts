import { getSurvey, setSurveyBlindKeys, updateSurveyDefinition, type Sql } from "@agora/db";
import type { Logger } from "@agora/http";
import { SurveyDefinition } from "@agora/schemas";
import { newBlindKeys } from "../blind/blind-keys.ts";
import { createSurvey } from "../verbs/create-survey.ts";
import { incompatibleChange } from "./compatible-update.ts";
import type { SurveyFile } from "./read-survey-files.ts";

export type SeedOutcome = "created" | "updated" | "unchanged" | "kept-database" | "refused";

/**
 * Brings the database in line with the survey files. A file's survey is created open (putting a
 * file in place is how an operator publishes it; `opens_at`/`closes_at` bound it) and follows its
 * file from then on, unless the change would change what stored answers mean. A survey of the
 * same slug made through the admin API is left alone.
 */
export async function seedSurveyFiles(
  ctx: { db: Sql; logger: Logger },
  files: readonly SurveyFile[],
): Promise<Map<string, SeedOutcome>> {
  const outcomes = new Map<string, SeedOutcome>();
  for (const file of files) outcomes.set(file.definition.slug, await seedOne(ctx, file));
  return outcomes;
}

async function seedOne(ctx: { db: Sql; logger: Logger }, file: SurveyFile): Promise<SeedOutcome> {
  const { slug } = file.definition;
  const source = `file:${file.path}`;
  const stored = await getSurvey(ctx.db, slug);
  if (!stored) {
    await createSurvey({ ctx, input: { definition: file.definition, state: "open", file } });
    ctx.logger.info({ slug, file: file.path }, "survey created from its file");
    return "created";
  }
  if (stored.source !== source) {
    ctx.logger.warn(
      { slug, file: file.path, source: stored.source },
      "a survey of this slug exists already and is kept; rename the file's slug",
    );
    return "kept-database";
  }
  if (stored.sourceSha256 === file.sha256) return "unchanged";
  const before = SurveyDefinition.safeParse(stored.definition);
  const problem =
    stored.answerCount > 0 && before.success ? incompatibleChange(before.data, file.definition) : undefined;
  if (problem) {
    ctx.logger.error(
      { slug, file: file.path, problem },
      "survey file changed in a way its answers forbid; the stored definition is kept",
    );
    return "refused";
  }
  await updateSurveyDefinition(ctx.db, slug, file.definition, { sourceSha256: file.sha256 });
  if (file.definition.access.mode === "blind") await setSurveyBlindKeys(ctx.db, slug, await newBlindKeys());
  ctx.logger.info({ slug, file: file.path }, "survey updated from its changed file");
  return "updated";
}

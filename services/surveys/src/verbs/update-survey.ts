import { getSurvey, lockSurvey, setSurveyBlindKeys, updateSurveyDefinition, type Sql } from "@agora/db";
import { SurveyDefinition } from "@agora/schemas";
import { newBlindKeys } from "../blind/blind-keys.ts";
import { incompatibleChange } from "../definitions/compatible-update.ts";

export interface UpdateSurveyInput {
  slug: string;
  definition: SurveyDefinition;
}

export type UpdateSurveyResult =
  | { ok: true }
  | { ok: false; reason: "no-survey" }
  | { ok: false; reason: "slug-mismatch" | "from-file" | "incompatible"; problem: string };

/**
 * Replaces a survey's definition. Refused when stored answers would change meaning, and for a
 * survey that follows a file: the file is its source, and the next start would put it back.
 */
export async function updateSurvey({
  ctx,
  input,
}: {
  ctx: { db: Sql };
  input: UpdateSurveyInput;
}): Promise<UpdateSurveyResult> {
  if (input.definition.slug !== input.slug) {
    return {
      ok: false,
      reason: "slug-mismatch",
      problem: `body.slug: must be "${input.slug}", the slug in the path (a survey's slug cannot change)`,
    };
  }
  const current = await getSurvey(ctx.db, input.slug);
  if (!current) return { ok: false, reason: "no-survey" };
  // Made before the transaction: key generation takes a while and needs no lock.
  const needsKeys = input.definition.access.mode === "blind" && !current.blindPublicKey;
  const blindKeys = needsKeys ? await newBlindKeys() : undefined;
  return ctx.db.transaction<UpdateSurveyResult>(async (tx) => {
    const row = await lockSurvey(tx, input.slug);
    if (!row) return { ok: false, reason: "no-survey" };
    if (row.source !== "api") {
      return {
        ok: false,
        reason: "from-file",
        problem: `survey "${input.slug}" is defined by ${row.source.replace(/^file:/, "the file ")}; change the file instead`,
      };
    }
    if (row.answerCount > 0) {
      const before = SurveyDefinition.safeParse(row.definition);
      const problem = before.success ? incompatibleChange(before.data, input.definition) : undefined;
      if (problem) return { ok: false, reason: "incompatible", problem };
    }
    await updateSurveyDefinition(tx, input.slug, input.definition);
    if (blindKeys) await setSurveyBlindKeys(tx, input.slug, blindKeys);
    return { ok: true };
  });
}

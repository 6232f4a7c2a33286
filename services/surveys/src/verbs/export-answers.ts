import { listResponses, type Sql, type StoredResponse } from "@agora/db";
import { answersCodebook } from "./answers-codebook.ts";
import { answersCsv } from "./answers-csv.ts";
import { loadSurvey } from "./load-survey.ts";

export const EXPORT_FORMATS = ["csv", "json", "codebook"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface AnswersExport {
  slug: string;
  answerCount: number;
  /** What each answer holds, exactly as stored: random id, day, closed answers, free texts. */
  answers: StoredResponse[];
}

/** A download, to the byte: the API and the admin pages send `body` as it is. */
export interface ExportFile {
  body: string;
  contentType: string;
  filename: string;
}

export type ExportAnswersResult =
  ({ ok: true; format: ExportFormat } & ExportFile) | { ok: false; reason: "no-survey" };

export interface ExportInput {
  slug: string;
  format: ExportFormat;
  /** CSV only: start with a UTF-8 byte order mark (JSON must not have one, RFC 8259). */
  bom?: boolean;
}

/**
 * Every stored answer of a survey, for admins, as CSV for analysts' tools or JSON as stored; or
 * the codebook of the CSV, which holds the definition and no answer. Nothing is suppressed:
 * exports go to admins only and hold exactly what the database holds.
 */
export async function exportAnswers({
  ctx,
  input,
}: {
  ctx: { db: Sql };
  input: ExportInput;
}): Promise<ExportAnswersResult> {
  const survey = await loadSurvey(ctx.db, input.slug);
  if (!survey) return { ok: false, reason: "no-survey" };
  const definition = survey.definition;
  if (input.format === "codebook") {
    const body = JSON.stringify(answersCodebook(definition), null, 2) + "\n";
    return {
      ok: true,
      format: "codebook",
      body,
      contentType: "application/json",
      filename: `${input.slug}-codebook.json`,
    };
  }
  const responses = await listResponses(ctx.db, input.slug);
  if (input.format === "csv") {
    const body = answersCsv(definition, responses, { bom: input.bom ?? false });
    return {
      ok: true,
      format: "csv",
      body,
      contentType: "text/csv; charset=utf-8",
      filename: `${input.slug}-answers.csv`,
    };
  }
  const json: AnswersExport = { slug: definition.slug, answerCount: responses.length, answers: responses };
  return {
    ok: true,
    format: "json",
    body: JSON.stringify(json),
    contentType: "application/json",
    filename: `${input.slug}-answers.json`,
  };
}

import { listResponses, type Sql, type StoredResponse } from "@agora/db";
import type { SurveyDefinition } from "@agora/schemas";
import { answersCsv } from "./answers-csv.ts";
import { loadSurvey } from "./load-survey.ts";

export type ExportFormat = "csv" | "json";

export interface AnswersExport {
  slug: string;
  answerCount: number;
  /** What each answer holds, exactly as stored: random id, day, closed answers, free texts. */
  answers: StoredResponse[];
}

export type ExportAnswersResult =
  | { ok: true; format: "json"; body: AnswersExport; filename: string }
  | { ok: true; format: "csv"; body: string; filename: string }
  | { ok: false; reason: "no-survey" };

/** Every stored answer of a survey, for admins: nothing more than the database holds. */
export async function exportAnswers({ ctx, input }: { ctx: { db: Sql }; input: { slug: string; format: ExportFormat } }): Promise<ExportAnswersResult> {
  const survey = await loadSurvey(ctx.db, input.slug);
  if (!survey) return { ok: false, reason: "no-survey" };
  const responses = await listResponses(ctx.db, input.slug);
  const filename = `${input.slug}-answers.${input.format}`;
  if (input.format === "csv") return { ok: true, format: "csv", body: answersCsv(survey.definition, responses), filename };
  return { ok: true, format: "json", body: jsonExport(survey.definition, responses), filename };
}

function jsonExport(survey: SurveyDefinition, responses: StoredResponse[]): AnswersExport {
  return { slug: survey.slug, answerCount: responses.length, answers: responses };
}

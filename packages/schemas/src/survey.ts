import { z } from "zod";
import { MatrixRoom } from "./matrix-ids.ts";
import { checkSurvey } from "./survey-checks.ts";
import { LanguageTag, LocalizedText, QuestionId, SurveyQuestion, SurveySlug } from "./survey-question.ts";

export * from "./survey-question.ts";

/**
 * Who may answer. `open`: anyone, once per visit (rate limited, not deduplicated). `invite`: one
 * answer per single-use token an admin generated. `blind`: a member proves membership once and
 * gets a blind-signed token, so not even the server can link the member to the answer.
 */
export const SurveyAccess = z.discriminatedUnion("mode", [
  z.strictObject({ mode: z.literal("open") }),
  z.strictObject({ mode: z.literal("invite") }),
  z.strictObject({ mode: z.literal("blind") }),
]);
export type SurveyAccess = z.infer<typeof SurveyAccess>;

export const SurveyResultsPolicy = z.strictObject({
  /** Results are shown to anyone only when this is true; admins always see them. */
  public: z.boolean().default(false),
  /** Smallest count ever shown; smaller ones, and those they could be worked out from, are hidden. */
  min_group_size: z.int().min(2, "must be at least 2: a count of 1 is a person").max(1000).default(5),
});

export const SurveyMilestones = z.strictObject({
  room: MatrixRoom,
  /** A message at every this-many answers. */
  every: z.int().min(1).default(50),
});

/**
 * A page of a longer survey: it starts at `first_question` and runs until the next section's
 * first question. Members see one section at a time, with where they are ("Page 2 of 4").
 */
export const SurveySection = z.strictObject({
  first_question: QuestionId,
  title: LocalizedText,
  intro: LocalizedText.optional(),
});
export type SurveySection = z.infer<typeof SurveySection>;

const Timestamp = z.iso.datetime({ offset: true, message: "must be a date and time like 2026-12-01T00:00:00Z" });

const SurveyFields = z.strictObject({
  slug: SurveySlug,
  /** The languages offered; the first is the default. */
  languages: z.array(LanguageTag).min(1, "needs at least one language").default(["en"]),
  title: LocalizedText,
  intro: LocalizedText.optional(),
  thanks: LocalizedText.optional(),
  questions: z.array(SurveyQuestion).min(1, "needs at least one question").max(200, "allows at most 200 questions"),
  /** Without sections the survey is one page. */
  sections: z.array(SurveySection).min(1, "needs at least one section, or no sections key").max(200).optional(),
  opens_at: Timestamp.optional(),
  closes_at: Timestamp.optional(),
  access: SurveyAccess.default({ mode: "open" }),
  results: SurveyResultsPolicy.default({ public: false, min_group_size: 5 }),
  milestones: SurveyMilestones.optional(),
});
export type SurveyFields = z.output<typeof SurveyFields>;

export const SurveyDefinition = SurveyFields.superRefine(checkSurvey);
export type SurveyDefinition = z.infer<typeof SurveyDefinition>;
export type SurveyDefinitionInput = z.input<typeof SurveyDefinition>;

/** A survey's default language: the first it lists, which the schema requires it to have. */
export function defaultLanguage(survey: { languages: readonly string[] }): string {
  const [first] = survey.languages;
  if (first === undefined) throw new Error("the survey lists no language, not even a default one");
  return first;
}

/** The text to show in `lang`, falling back to the survey's first language. */
export function localize(text: LocalizedText, lang: string, fallback: string): string {
  if (typeof text === "string") return text;
  return text[lang] ?? text[fallback] ?? Object.values(text)[0] ?? "";
}

/**
 * One stored answer. Closed answers (choices, numbers, rankings) and free text are kept apart so
 * results never read text that only admins may see.
 */
export const AnswerValue = z.union([z.string(), z.number(), z.array(z.string()), z.record(z.string(), z.string())]);
export type AnswerValue = z.infer<typeof AnswerValue>;

export const SurveyAnswers = z.strictObject({
  /** By question id: option id, option ids, number, ranking (ids in order), or likert row → column. */
  answers: z.record(QuestionId, AnswerValue),
  /** By question id: short and long texts, and the text of an "other" choice. */
  texts: z.record(QuestionId, z.string()),
});
export type SurveyAnswers = z.infer<typeof SurveyAnswers>;

export const SurveyState = z.enum(["draft", "open", "closed"]);
export type SurveyState = z.infer<typeof SurveyState>;

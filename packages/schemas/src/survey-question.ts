import { z } from "zod";

// A survey is written by hand (YAML) or sent to the admin API, so objects are strict: a misspelt
// key is reported instead of silently changing what members are asked.

export const LanguageTag = z
  .string()
  .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "must be a language tag like en, de or pt-BR");
export type LanguageTag = z.infer<typeof LanguageTag>;

const Line = z.string().trim().min(1, "must not be empty");

/** A text in the survey's one language, or one text per language (`{ en: "...", de: "..." }`). */
export const LocalizedText = z.union([Line, z.record(LanguageTag, Line)], {
  // A missing text keeps the usual "is required"; a wrong one says what is expected.
  error: (issue) =>
    issue.input === undefined
      ? "is required"
      : "must be a text, or one text per language like { en: Hello, de: Hallo }",
});
export type LocalizedText = z.infer<typeof LocalizedText>;

/** A survey's name in its addresses; exported for the API document's slug parameter. */
export const SURVEY_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const SURVEY_SLUG_MESSAGE = "must be a lowercase slug like community-2026";

export const SurveySlug = z.string().regex(SURVEY_SLUG_PATTERN, SURVEY_SLUG_MESSAGE);

/** A question's (or option's) id; exported for the API document's cross-tab parameters. */
export const QUESTION_ID_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;
export const QUESTION_ID_MESSAGE = "must start with a letter and hold only a-z, 0-9 and _ (like os_version)";

export const QuestionId = z.string().regex(QUESTION_ID_PATTERN, QUESTION_ID_MESSAGE);
export type QuestionId = z.infer<typeof QuestionId>;

/** The option id a member's own text is stored under when a question offers "other". */
export const OTHER_OPTION = "other";

export const SurveyOption = z.strictObject({ id: QuestionId, label: LocalizedText });
export type SurveyOption = z.infer<typeof SurveyOption>;

/**
 * When a question is shown, from answers to earlier questions. A hidden question is never
 * required and its answer, if a form sends one anyway, is dropped.
 */
export type ShowIf =
  | { question: string; answered: boolean }
  | { question: string; equals: string | number }
  | { question: string; any_of: string[] }
  | { question: string; at_least?: number; at_most?: number }
  | { all: ShowIf[] }
  | { any: ShowIf[] }
  | { not: ShowIf };

export const ShowIf: z.ZodType<ShowIf> = z.lazy(() =>
  z.union([
    z.strictObject({ question: QuestionId, answered: z.boolean() }),
    z.strictObject({ question: QuestionId, equals: z.union([z.string(), z.number()]) }),
    z.strictObject({ question: QuestionId, any_of: z.array(z.string()).min(1, "needs at least one value") }),
    z
      .strictObject({ question: QuestionId, at_least: z.number().optional(), at_most: z.number().optional() })
      .refine((c) => c.at_least !== undefined || c.at_most !== undefined, "needs at_least or at_most"),
    z.strictObject({ all: z.array(ShowIf).min(1, "needs at least one condition") }),
    z.strictObject({ any: z.array(ShowIf).min(1, "needs at least one condition") }),
    z.strictObject({ not: ShowIf }),
  ]),
);

const questionBase = {
  id: QuestionId,
  /** What is asked: the legend or label members read. */
  title: LocalizedText,
  help: LocalizedText.optional(),
  required: z.boolean().default(false),
  show_if: ShowIf.optional(),
};

const options = z.array(SurveyOption).min(2, "needs at least two options").max(100, "allows at most 100 options");

/**
 * Shows the options in an order of their own to each member (the first options of a list are
 * picked more for being first); "Other" stays last. Only the page changes: answers and results
 * keep the definition's order.
 */
const shuffle = z.boolean().optional();

export const SingleChoiceQuestion = z.strictObject({
  ...questionBase,
  type: z.literal("single_choice"),
  options,
  shuffle,
  /** Offers "Other" with a short text of the member's own; the text is shown to admins only. */
  other: z.boolean().default(false),
});

export const MultipleChoiceQuestion = z.strictObject({
  ...questionBase,
  type: z.literal("multiple_choice"),
  options,
  shuffle,
  other: z.boolean().default(false),
  min: z.int().min(1).optional(),
  max: z.int().min(1).optional(),
});

export const RatingQuestion = z.strictObject({
  ...questionBase,
  type: z.literal("rating"),
  min: z.int().min(0).max(1).default(1),
  max: z.int().min(2).max(10).default(5),
  /** Words for both ends of the scale, such as "Poor" and "Excellent". */
  labels: z.strictObject({ min: LocalizedText, max: LocalizedText }).optional(),
});

/** Net Promoter Score: "How likely are you to recommend …", 0 to 10. */
export const NpsQuestion = z.strictObject({ ...questionBase, type: z.literal("nps") });

export const LikertQuestion = z.strictObject({
  ...questionBase,
  type: z.literal("likert"),
  /** The statements, each a row of the matrix. */
  rows: options,
  /** The answer columns, in order, such as Disagree … Agree. */
  scale: options,
});

export const NumberQuestion = z.strictObject({
  ...questionBase,
  type: z.literal("number"),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().default(false),
  unit: LocalizedText.optional(),
});

export const ShortTextQuestion = z.strictObject({
  ...questionBase,
  type: z.literal("short_text"),
  max_length: z.int().min(1).max(1000).default(200),
});

export const LongTextQuestion = z.strictObject({
  ...questionBase,
  type: z.literal("long_text"),
  max_length: z.int().min(1).max(20_000).default(5000),
});

export const RankingQuestion = z.strictObject({
  ...questionBase,
  type: z.literal("ranking"),
  options: options.max(20, "allows at most 20 options to rank"),
  shuffle,
});

export const SurveyQuestion = z.discriminatedUnion("type", [
  SingleChoiceQuestion,
  MultipleChoiceQuestion,
  RatingQuestion,
  NpsQuestion,
  LikertQuestion,
  NumberQuestion,
  ShortTextQuestion,
  LongTextQuestion,
  RankingQuestion,
]);
export type SurveyQuestion = z.infer<typeof SurveyQuestion>;

/** The option lists of a question by field name, for checks that treat them alike. */
export function optionLists(q: SurveyQuestion): [key: string, options: SurveyOption[]][] {
  if (q.type === "likert")
    return [
      ["rows", q.rows],
      ["scale", q.scale],
    ];
  if ("options" in q) return [["options", q.options]];
  return [];
}

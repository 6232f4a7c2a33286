import { z } from "@hono/zod-openapi";
import { ErrorEnvelope } from "../api-schemas.ts";

// Local schemas for the API document and the small bodies: the shared ones from @agora/schemas
// were made before @hono/zod-openapi loaded and must not be given `.openapi()` metadata. A survey
// definition itself is checked by the shared `SurveyDefinition` in the handlers.

export { ErrorEnvelope, SlugParams } from "../api-schemas.ts";

export const SurveyListItem = z
  .object({
    slug: z.string(),
    title: z.string().openapi({ description: "In the survey's first language" }),
    state: z.enum(["draft", "open", "closed"]),
    availability: z
      .enum(["open", "not-yet", "closed", "draft"])
      .openapi({ description: "Whether answers are taken now (state and time window)" }),
    answerCount: z.number().int(),
    accessMode: z.enum(["open", "invite", "blind"]).nullable(),
    source: z.string().openapi({ description: '"api", or "file:<path>" for a survey that follows a file' }),
  })
  .openapi("SurveyListItem");

export const SurveyDetail = SurveyListItem.extend({
  inviteCount: z.number().int().openapi({ description: "Invite tokens not spent yet" }),
  blindPublicKey: z.string().nullable().openapi({ description: "SPKI PEM of a blind survey's signing key" }),
  createdAt: z.string(),
  updatedAt: z.string(),
  definition: z
    .record(z.string(), z.unknown())
    .openapi({ description: "The survey definition (see the surveys README)" }),
}).openapi("SurveyDetail");

export const StateChange = z
  .object({ slug: z.string(), state: z.enum(["open", "closed"]), changed: z.boolean() })
  .openapi("SurveyStateChange");

export const InvitesRequest = z.object({
  // The one cap on a request's tokens: enough for a large community, small enough for one insert.
  count: z.number().int("must be a whole number").min(1, "must be at least 1").max(10_000, "must be at most 10000"),
});

export const InvitesResponse = z
  .object({
    slug: z.string(),
    mode: z.enum(["invite", "blind"]),
    invites: z.array(z.object({ token: z.string(), link: z.string() })),
  })
  .openapi("SurveyInvites");

export const ExportQuery = z.object({
  format: z.enum(["csv", "json", "codebook"], { error: 'must be "csv", "json" or "codebook"' }).default("csv").openapi({
    description:
      "`csv`: one row per answer, a header row of question texts, for R, pandas and spreadsheets. `json`: the answers as stored. `codebook`: what each CSV column holds and the labels of its values (no answers).",
  }),
  bom: z.enum(["0", "1"], { error: 'must be "0" or "1"' }).optional().openapi({
    description:
      'CSV only: `1` starts the file with a UTF-8 byte order mark, which Excel on Windows needs to read accents right; R\'s `read.csv` and others then need telling (`fileEncoding = "UTF-8-BOM"`), so it is off by default.',
  }),
});

const ValueLabelDoc = z.object({
  value: z.union([z.string(), z.number()]),
  label: z.string(),
  id: z.string().optional().openapi({ description: "A likert code's scale point id, as stored" }),
});

/** The JSON export: the stored answers as they are. */
export const AnswersExportDoc = z
  .object({
    slug: z.string(),
    answerCount: z.number().int(),
    answers: z.array(
      z.object({
        id: z.string().openapi({ description: "Random (UUID); the order says nothing of time" }),
        day: z.string().openapi({ description: "YYYY-MM-DD, UTC" }),
        answers: z.record(z.string(), z.unknown()).openapi({
          description:
            "By question id: option id, option ids, number, ranking (ids in order), or likert row → scale id",
        }),
        texts: z
          .record(z.string(), z.string())
          .openapi({ description: 'By question id: short and long texts, and the text of an "other" choice' }),
      }),
    ),
  })
  .openapi("SurveyAnswersExport");

/** The codebook of the CSV export: its columns in order and the questions, without any answer. */
export const CodebookDoc = z
  .object({
    slug: z.string(),
    language: z
      .string()
      .openapi({ description: "The language of the CSV headers and of the columns' labels: the survey's first" }),
    languages: z.array(z.string()),
    title: z.record(z.string(), z.string()),
    csv: z.record(z.string(), z.string()).openapi({
      description: "Encoding, delimiter, line end, header, byte order mark and formula escaping, in words",
    }),
    columns: z.array(
      z.object({
        column: z.number().int().openapi({ description: "1 for the first column" }),
        name: z.string().openapi({
          description: "The column's id: id, day, <question>, <question>.<option or row>, or <question>.other.text",
        }),
        header: z.string().openapi({ description: "Exactly the CSV's header cell" }),
        question: z.string().optional(),
        option: z
          .string()
          .optional()
          .openapi({ description: "The option (multiple choice, ranking) or likert row of the column" }),
        type: z.enum(["string", "integer", "number", "date"]),
        holds: z.string(),
        values: z.array(ValueLabelDoc).optional(),
        empty: z.string().optional().openapi({ description: "What an empty cell means" }),
      }),
    ),
    questions: z.array(z.record(z.string(), z.unknown())).openapi({
      description: "The questions as defined, every text in every language, with the names of their columns",
    }),
  })
  .openapi("SurveyCodebook");

export const errorResponses = {
  400: { description: "A field is missing or wrong", content: { "application/json": { schema: ErrorEnvelope } } },
  badSlug: {
    description: "The slug is not one a survey can have",
    content: { "application/json": { schema: ErrorEnvelope } },
  },
  401: { description: "No admin bearer token", content: { "application/json": { schema: ErrorEnvelope } } },
  404: { description: "No such survey", content: { "application/json": { schema: ErrorEnvelope } } },
  409: {
    description: "The survey's state or answers forbid it",
    content: { "application/json": { schema: ErrorEnvelope } },
  },
  413: { description: "The body is larger than 2 MiB", content: { "application/json": { schema: ErrorEnvelope } } },
  415: {
    description: "The body is not of a media type this operation reads",
    content: { "application/json": { schema: ErrorEnvelope } },
  },
} as const;

/** Every admin route needs the bearer token: `Authorization: Bearer <token>`. */
export const adminSecurity = [{ surveyAdmin: [] }];

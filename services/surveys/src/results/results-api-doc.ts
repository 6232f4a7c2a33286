import { QUESTION_ID_PATTERN } from "@agora/schemas";
import { createRoute, z } from "@hono/zod-openapi";
import { ErrorEnvelope, SlugParams } from "../api-schemas.ts";

const questionId = z.string().regex(QUESTION_ID_PATTERN).optional();

const json = (description: string, schema: z.ZodType) => ({ description, content: { "application/json": { schema } } });

/**
 * The API document's entry for `GET /api/surveys/{slug}/results`. The handler reads its query by
 * hand (a cross-tab's questions are checked against the survey), so the entry is registered apart
 * from it; the result's shape is `SurveyResults` in results-types.ts.
 */
export const resultsApiDoc = createRoute({
  method: "get",
  path: "/api/surveys/{slug}/results",
  summary: "A survey's results: counts with small groups hidden, means, NPS, and a cross-tab of two questions",
  tags: ["surveys"],
  request: {
    params: SlugParams,
    // Unknown parameters are ignored, as on every route. x and y go together: the server refuses one without the other.
    query: z.object({
      x: questionId.openapi({ description: "Question id of the cross-tab's rows; needs y too" }),
      y: questionId.openapi({ description: "Question id of the cross-tab's columns; needs x too" }),
      filter: z
        .string()
        .regex(/^(?:[a-z][a-z0-9_]{0,62}:[a-z0-9_]{1,63})?$/)
        .optional()
        .openapi({
          description:
            "Results of one group as well: the members who gave one answer (`usage:home`, `happy:5`) to a choice, rating or NPS question, under `filtered`. Each question there is a row of the cross-tab of the filter's question by it, suppressed as a cross-tab is; matrices and free texts are not broken down. A group whose size the question's own results hide, or of fewer than min_group_size, comes back with `tooFew` and nothing else. Empty means no filter.",
          example: "usage:home",
        }),
      lang: z
        .string()
        .optional()
        .openapi({ description: "One of the survey's languages, for labels; another is ignored" }),
    }),
  },
  responses: {
    200: json("The results; free texts only for an admin's bearer token", z.record(z.string(), z.unknown())),
    400: json(
      "A malformed slug; x without y or y without x; a cross-tab question that does not exist or cannot be counted; a filter that is malformed or names no answer of a choice, rating or NPS question",
      ErrorEnvelope,
    ),
    404: json("No such survey, or its results are not public and no admin token was given", ErrorEnvelope),
  },
});

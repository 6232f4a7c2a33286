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
    availability: z.enum(["open", "not-yet", "closed", "draft"]).openapi({ description: "Whether answers are taken now (state and time window)" }),
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
  definition: z.record(z.string(), z.unknown()).openapi({ description: "The survey definition (see the surveys README)" }),
}).openapi("SurveyDetail");

export const StateChange = z.object({ slug: z.string(), state: z.enum(["open", "closed"]), changed: z.boolean() }).openapi("SurveyStateChange");

export const InvitesRequest = z.object({
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
  format: z.enum(["csv", "json"], { error: 'must be "csv" or "json"' }).default("csv"),
});

export const errorResponses = {
  400: { description: "A field is missing or wrong", content: { "application/json": { schema: ErrorEnvelope } } },
  badSlug: { description: "The slug is not one a survey can have", content: { "application/json": { schema: ErrorEnvelope } } },
  401: { description: "No admin bearer token", content: { "application/json": { schema: ErrorEnvelope } } },
  404: { description: "No such survey", content: { "application/json": { schema: ErrorEnvelope } } },
  409: { description: "The survey's state or answers forbid it", content: { "application/json": { schema: ErrorEnvelope } } },
  413: { description: "The body is larger than 2 MiB", content: { "application/json": { schema: ErrorEnvelope } } },
  415: { description: "The body is not of a media type this operation reads", content: { "application/json": { schema: ErrorEnvelope } } },
} as const;

/** Every admin route needs the bearer token: `Authorization: Bearer <token>`. */
export const adminSecurity = [{ surveyAdmin: [] }];

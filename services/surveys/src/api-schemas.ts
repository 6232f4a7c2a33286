import { SURVEY_SLUG_MESSAGE, SURVEY_SLUG_PATTERN } from "@agora/schemas";
import { z } from "@hono/zod-openapi";

// Schemas of the survey API document, shared by its routes. They are local: the shared schemas of
// @agora/schemas were made before @hono/zod-openapi loaded and must not be given `.openapi()`.

// The shared slug rule, so a slug no survey can have is refused before it reaches the database
// (where a NUL in it would fail the query) and the document says which slugs exist.
export const SlugParams = z.object({
  slug: z
    .string()
    .regex(SURVEY_SLUG_PATTERN, SURVEY_SLUG_MESSAGE)
    .openapi({ param: { name: "slug", in: "path" }, example: "community-2026" }),
});

export const ErrorEnvelope = z
  .object({ error: z.object({ code: z.string(), message: z.string(), requestId: z.string() }) })
  .openapi("ErrorEnvelope");

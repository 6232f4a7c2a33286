import { ErrorEnvelope as SharedErrorEnvelope, SURVEY_SLUG_MESSAGE, SURVEY_SLUG_PATTERN } from "@agora/schemas";
import { z } from "@hono/zod-openapi";

// Schemas of the survey API document, shared by its routes. Those of @agora/schemas may have been
// made before @hono/zod-openapi loaded, so they lack `.openapi()`: a local object is built over a
// shared schema's shape to name it.

// The shared slug rule, so a slug no survey can have is refused before it reaches the database
// (where a NUL in it would fail the query) and the document says which slugs exist.
export const SlugParams = z.object({
  slug: z
    .string()
    .regex(SURVEY_SLUG_PATTERN, SURVEY_SLUG_MESSAGE)
    .openapi({ param: { name: "slug", in: "path" }, example: "community-2026" }),
});

// The one error envelope of every service, named for the document.
export const ErrorEnvelope = z.object(SharedErrorEnvelope.shape).openapi("ErrorEnvelope");

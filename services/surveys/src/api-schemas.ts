import { z } from "@hono/zod-openapi";

// Schemas of the survey API document, shared by its routes. They are local: the shared schemas of
// @agora/schemas were made before @hono/zod-openapi loaded and must not be given `.openapi()`.

export const SlugParams = z.object({
  slug: z.string().openapi({ param: { name: "slug", in: "path" }, example: "community-2026" }),
});

export const ErrorEnvelope = z
  .object({ error: z.object({ code: z.string(), message: z.string(), requestId: z.string() }) })
  .openapi("ErrorEnvelope");

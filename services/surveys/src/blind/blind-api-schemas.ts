import { z } from "@hono/zod-openapi";

// Local schemas: the shared ones from @agora/schemas must not be given `.openapi()` metadata.
const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/, "must be base64url (A-Z a-z 0-9 - _, no padding)");

export { ErrorEnvelope, SlugParams as SlugParam } from "../api-schemas.ts";

export const BlindKey = z
  .object({
    slug: z.string(),
    variant: z.literal("RSABSSA-SHA384-PSS-Randomized").openapi({ description: "The RFC 9474 variant the key signs with" }),
    public_key: z.string().openapi({ description: "The survey's RSA public key, SPKI in PEM" }),
  })
  .openapi("BlindKey");

export const BlindSignRequest = z
  .object({
    credential: z.string().min(1).max(512).openapi({ description: "An invite token of the survey; spent by this request" }),
    blinded_message: base64url.max(2048).openapi({ description: "RFC 9474 blinded message, exactly the modulus length, base64url" }),
  })
  .openapi("BlindSignRequest");

export const BlindSignResponse = z
  .object({ blind_signature: z.string().openapi({ description: "RFC 9474 blind signature, base64url" }) })
  .openapi("BlindSignResponse");


import { z } from "@hono/zod-openapi";
import { BLIND_KEY_BITS } from "./blind-keys.ts";

// Local schemas: the shared ones from @agora/schemas must not be given `.openapi()` metadata.
const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/, "must be base64url (A-Z a-z 0-9 - _, no padding)");

export { ErrorEnvelope, SlugParams as SlugParam } from "../api-schemas.ts";

const keyBytes = BLIND_KEY_BITS / 8;
/** base64url without padding: four characters per three bytes, the last group cut short. */
const blindedMessageLength = Math.ceil((keyBytes * 4) / 3);

export const BlindKey = z
  .object({
    slug: z.string(),
    variant: z
      .literal("RSABSSA-SHA384-PSS-Randomized")
      .openapi({ description: "The RFC 9474 variant the key signs with" }),
    public_key: z.string().openapi({ description: "The survey's RSA public key, SPKI in PEM" }),
  })
  .openapi("BlindKey");

export const BlindSignRequest = z
  .object({
    credential: z
      .string()
      .min(1)
      .max(512)
      .openapi({ description: "An invite token of the survey; spent by this request" }),
    blinded_message: base64url
      .length(
        blindedMessageLength,
        `must be ${blindedMessageLength} characters: the key's ${keyBytes} bytes in base64url`,
      )
      .openapi({
        description: `RFC 9474 blinded message in base64url: exactly the modulus length (${keyBytes} bytes, ${blindedMessageLength} characters, for the ${BLIND_KEY_BITS}-bit keys of blind surveys), as a number below the modulus`,
      }),
  })
  .openapi("BlindSignRequest");

export const BlindSignResponse = z
  .object({ blind_signature: z.string().openapi({ description: "RFC 9474 blind signature, base64url" }) })
  .openapi("BlindSignResponse");

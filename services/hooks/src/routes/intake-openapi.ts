import { ErrorEnvelope } from "@agora/schemas";

// Shared schemas are used as they are, without `.openapi()`: zod 4 copies methods onto each schema
// when it is made, so one made before @hono/zod-openapi loaded never gets that method.
const error = (description: string) => ({ description, content: { "application/json": { schema: ErrorEnvelope } } });

export const intakeResponses = {
  202: { description: "Stored (or recognised as a redelivery); processed later" },
  400: error("Body is not a JSON object, or a required header is missing"),
  401: error("Secret or signature missing or wrong; nothing stored"),
  413: error("Body larger than AGORA_BODY_LIMIT"),
  503: error("This intake has no secret configured"),
};

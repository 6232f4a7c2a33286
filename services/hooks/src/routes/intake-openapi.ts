// Adds `.openapi()` to zod schemas; imported here so this file does not depend on import order.
import "@hono/zod-openapi";
import { ErrorEnvelope } from "@agora/schemas";

const envelope = ErrorEnvelope.openapi("ErrorEnvelope");
const error = (description: string) => ({ description, content: { "application/json": { schema: envelope } } });

export const intakeResponses = {
  202: { description: "Stored (or recognised as a redelivery); processed later" },
  400: error("Body is not a JSON object, or a required header is missing"),
  401: error("Secret or signature missing or wrong; nothing stored"),
  413: error("Body larger than AGORA_BODY_LIMIT"),
  503: error("This intake has no secret configured"),
};

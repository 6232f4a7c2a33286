import { ErrorEnvelope } from "@agora/schemas";
import { z } from "@hono/zod-openapi";

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

const header = (description: string) => z.string().openapi({ description });

// Any JSON object: the event's own schema is checked later, by the worker, so that a payload of a
// newer GitLab or Discourse is stored rather than refused. Read whatever its Content-Type says.
const jsonObjectBody = (description: string) => ({
  required: true,
  description,
  content: { "application/json": { schema: { type: "object" as const, additionalProperties: true } } },
});

/**
 * What each intake reads, for its entry in the API document (`request:` beside `responses:`):
 * the headers that authenticate and identify a delivery, and the body.
 */
export const intakeRequests = {
  gitlab: {
    headers: z.object({
      "x-gitlab-token": header("The webhook's secret token (GITLAB_WEBHOOK_SECRET); missing or wrong is a 401"),
      "x-gitlab-event": header("The event, like `Issue Hook`; missing is a 400"),
      "idempotency-key": header("Names the delivery for redeliveries (GitLab 17.4+)").optional(),
      "x-gitlab-event-uuid": header("Names the delivery when there is no Idempotency-Key").optional(),
      "x-gitlab-instance": header("The sending instance; scopes the two above").optional(),
    }),
    body: jsonObjectBody("A GitLab webhook payload, stored as received"),
  },
  discourse: {
    headers: z.object({
      "x-discourse-event-signature": header(
        "`sha256=` and the hex HMAC-SHA256 of the raw body with DISCOURSE_WEBHOOK_SECRET; missing or wrong is a 401",
      ),
      "x-discourse-event": header("The event, like `post_created`; missing is a 400"),
      "x-discourse-event-id": header("Names the delivery for redeliveries").optional(),
      "x-discourse-instance": header("The sending instance; scopes the event id").optional(),
      "x-discourse-event-type": header("The event's kind, like `post`").optional(),
    }),
    body: jsonObjectBody("A Discourse webhook payload, stored as received"),
  },
};

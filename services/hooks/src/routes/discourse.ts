import { AppError, newRoutes } from "@agora/http";
import type { HooksDeps } from "../hooks-deps.ts";
import { acceptDelivery, count, jsonObjectText, readRaw, requireHeader, requireSecret } from "../intake-steps.ts";
import { discourseSignatureMatches } from "../verify.ts";
import { intakeRequests, intakeResponses } from "./intake-openapi.ts";

export function discourseRoutes() {
  const routes = newRoutes<HooksDeps>();
  routes.openAPIRegistry.registerPath({
    method: "post",
    path: "/hooks/discourse",
    summary: "Receive a Discourse webhook",
    description:
      "Checks X-Discourse-Event-Signature (HMAC-SHA256 of the raw body), stores the delivery and queues its " +
      "processing, then answers 202. A redelivery (same X-Discourse-Instance and X-Discourse-Event-Id) is stored once.",
    tags: ["webhooks"],
    request: intakeRequests.discourse,
    responses: intakeResponses,
  });
  routes.post("/hooks/discourse", async (c) => {
    const secret = requireSecret(c, "discourse", "DISCOURSE_WEBHOOK_SECRET");
    // The signature covers the body, so the body is read before anything is decided.
    const raw = await readRaw(c, "discourse");
    if (!(await discourseSignatureMatches(c.req.header("x-discourse-event-signature"), raw, secret))) {
      count(c, "discourse", "unauthorized");
      throw new AppError("unauthorized", "header X-Discourse-Event-Signature: missing or does not match the body");
    }
    const event = requireHeader(c, "discourse", "x-discourse-event");
    const text = jsonObjectText(c, "discourse", raw);
    return acceptDelivery(c, "discourse", event, text);
  });
  return routes;
}

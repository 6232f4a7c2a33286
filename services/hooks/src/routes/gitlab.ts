import { AppError, newRoutes } from "@agora/http";
import type { HooksDeps } from "../hooks-deps.ts";
import { acceptDelivery, count, jsonObjectText, readRaw, requireHeader, requireSecret } from "../intake-steps.ts";
import { gitlabTokenMatches } from "../verify.ts";
import { intakeRequests, intakeResponses } from "./intake-openapi.ts";

export function gitlabRoutes() {
  const routes = newRoutes<HooksDeps>();
  routes.openAPIRegistry.registerPath({
    method: "post",
    path: "/hooks/gitlab",
    summary: "Receive a GitLab webhook",
    description:
      "Checks X-Gitlab-Token, stores the delivery and queues its processing, then answers 202 with an empty body. " +
      "A redelivery (same Idempotency-Key, else X-Gitlab-Event-UUID) is acknowledged and stored once.",
    tags: ["webhooks"],
    request: intakeRequests.gitlab,
    responses: intakeResponses,
  });
  routes.post("/hooks/gitlab", async (c) => {
    const secret = requireSecret(c, "gitlab", "GITLAB_WEBHOOK_SECRET");
    if (!(await gitlabTokenMatches(c.req.header("x-gitlab-token"), secret))) {
      count(c, "gitlab", "unauthorized");
      throw new AppError("unauthorized", "header X-Gitlab-Token: missing or wrong");
    }
    const event = requireHeader(c, "gitlab", "x-gitlab-event");
    const text = jsonObjectText(c, "gitlab", await readRaw(c, "gitlab"));
    return acceptDelivery(c, "gitlab", event, text);
  });
  return routes;
}

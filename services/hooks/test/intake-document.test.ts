import { OpenAPIHono } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { intakeRequests, intakeResponses } from "../src/routes/intake-openapi.ts";

interface Operation {
  parameters: { name: string; in: string; required?: boolean }[];
  requestBody: { required: boolean; content: Record<string, { schema: unknown }> };
}

function documented(source: keyof typeof intakeRequests): Operation {
  const app = new OpenAPIHono();
  app.openAPIRegistry.registerPath({
    method: "post",
    path: `/hooks/${source}`,
    request: intakeRequests[source],
    responses: intakeResponses,
  });
  const doc = app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "t", version: "1" } });
  return doc.paths?.[`/hooks/${source}`]?.post as unknown as Operation;
}

describe("the intakes' request in the API document", () => {
  it("is a required JSON object body with the headers that authenticate and identify a delivery", () => {
    const cases = [
      ["gitlab", ["x-gitlab-token", "x-gitlab-event"], ["idempotency-key", "x-gitlab-event-uuid", "x-gitlab-instance"]],
      [
        "discourse",
        ["x-discourse-event-signature", "x-discourse-event"],
        ["x-discourse-event-id", "x-discourse-instance", "x-discourse-event-type"],
      ],
    ] as const;
    for (const [source, required, optional] of cases) {
      const operation = documented(source);
      expect(operation.requestBody.required).toBe(true);
      expect(operation.requestBody.content["application/json"]?.schema).toEqual({
        type: "object",
        additionalProperties: true,
      });
      const headers = operation.parameters.filter((p) => p.in === "header");
      expect(headers.filter((p) => p.required).map((p) => p.name)).toEqual(required);
      expect(headers.filter((p) => !p.required).map((p) => p.name)).toEqual(optional);
    }
  });
});

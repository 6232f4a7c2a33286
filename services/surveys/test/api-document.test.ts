import { createLogger, createMetrics, createServiceApp } from "@agora/http";
import { describe, expect, it } from "vitest";
import { surveyRoutes, type SurveyDeps } from "../src/index.ts";

describe("the survey API document", () => {
  it("lists the members', results and admin routes, with one error envelope", async () => {
    const deps = { surveys: { adminTokenSha256s: [] } } as unknown as SurveyDeps;
    const app = createServiceApp({ service: "t", deps, logger: createLogger({ level: "silent" }), metrics: createMetrics({ defaultMetrics: false }), readiness: {} });
    app.route("/", surveyRoutes());
    const doc = (await (await app.request("/openapi.json")).json()) as {
      paths: Record<string, { get: { parameters: { name: string }[] } }>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/surveys",
        "/api/surveys/{slug}",
        "/api/surveys/{slug}/results",
        "/api/surveys/{slug}/blind-key",
        "/api/surveys/{slug}/blind-sign",
        "/api/surveys/{slug}/invites",
        "/api/surveys/{slug}/export",
      ]),
    );
    expect(doc.paths["/api/surveys/{slug}/results"]?.get.parameters.map((p) => p.name)).toEqual(["slug", "x", "y", "lang"]);
    expect(doc.components.schemas.ErrorEnvelope).toBeDefined();
  });
});

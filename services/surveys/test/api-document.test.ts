import { createLogger, createMetrics, createServiceApp } from "@agora/http";
import { describe, expect, it } from "vitest";
import { surveyRoutes, type SurveyDeps } from "../src/index.ts";

describe("the survey API document", () => {
  it("lists the members', results and admin routes, with one error envelope", async () => {
    const deps = { surveys: { adminTokenSha256s: [] } } as unknown as SurveyDeps;
    const app = createServiceApp({
      service: "t",
      deps,
      logger: createLogger({ level: "silent" }),
      metrics: createMetrics({ defaultMetrics: false }),
      readiness: {},
    });
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
    expect(doc.paths["/api/surveys/{slug}/results"]?.get.parameters.map((p) => p.name)).toEqual([
      "slug",
      "x",
      "y",
      "filter",
      "lang",
    ]);
    // The shared envelope of @agora/schemas, so its codes are the one enum of every service.
    expect(doc.components.schemas.ErrorEnvelope).toMatchObject({
      properties: {
        error: { properties: { code: { enum: expect.arrayContaining(["validation_failed", "not_found"]) } } },
      },
    });
  });

  it("says what the server takes: the definition's required fields, the blinded message's length, 413 and 415 where they occur", async () => {
    const deps = { surveys: { adminTokenSha256s: [] } } as unknown as SurveyDeps;
    const app = createServiceApp({
      service: "t",
      deps,
      logger: createLogger({ level: "silent" }),
      metrics: createMetrics({ defaultMetrics: false }),
      readiness: {},
    });
    app.route("/", surveyRoutes());
    // The document is checked with expect(), so it is typed loosely.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const doc = (await (await app.request("/openapi.json")).json()) as any;
    const schemas = doc.components.schemas;
    for (const [path, method] of [
      ["/api/surveys", "post"],
      ["/api/surveys/{slug}", "put"],
    ] as const) {
      const operation = doc.paths[path][method];
      expect(operation.requestBody.content["application/json"].schema).toEqual({
        $ref: "#/components/schemas/SurveyDefinition",
      });
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(["400", "413", "415"]));
    }
    expect(schemas.SurveyDefinition).toMatchObject({
      type: "object",
      required: ["slug", "title", "questions"],
      additionalProperties: false,
    });
    expect(JSON.stringify(schemas.SurveyDefinition)).toContain('"$ref":"#/components/schemas/SurveyShowIf"');
    expect(schemas.SurveyShowIf.anyOf).toHaveLength(7);
    // Sections (pages) and shuffled options, as an editor validating against the document sees them.
    expect(schemas.SurveyDefinition.properties.sections.items).toMatchObject({
      required: ["first_question", "title"],
      additionalProperties: false,
    });
    expect(JSON.stringify(schemas.SurveyDefinition.properties.questions)).toContain('"shuffle":{"type":"boolean"}');

    expect(schemas.BlindSignRequest.properties.blinded_message).toMatchObject({
      minLength: 342,
      maxLength: 342,
      pattern: "^[A-Za-z0-9_-]+$",
    });
    expect(Object.keys(doc.paths["/api/surveys/{slug}/blind-sign"].post.responses)).toEqual(
      expect.arrayContaining(["413", "415"]),
    );
    expect(Object.keys(doc.paths["/api/surveys/{slug}/invites"].post.responses)).toEqual(
      expect.arrayContaining(["413", "415"]),
    );

    const exportParams = doc.paths["/api/surveys/{slug}/export"].get.parameters;
    expect(exportParams.find((p: { name: string }) => p.name === "format").schema).toMatchObject({
      enum: ["csv", "json", "codebook"],
      default: "csv",
    });
    expect(exportParams.find((p: { name: string }) => p.name === "bom")).toMatchObject({
      required: false,
      schema: { enum: ["0", "1"] },
    });
    const exportJson = JSON.stringify(
      doc.paths["/api/surveys/{slug}/export"].get.responses["200"].content["application/json"].schema,
    );
    expect(exportJson).toContain('"$ref":"#/components/schemas/SurveyCodebook"');
    expect(exportJson).toContain('"$ref":"#/components/schemas/SurveyAnswersExport"');
    expect(Object.keys(schemas.SurveyCodebook.properties)).toEqual([
      "slug",
      "language",
      "languages",
      "title",
      "csv",
      "columns",
      "questions",
    ]);

    const results = doc.paths["/api/surveys/{slug}/results"].get.parameters;
    expect(results.find((p: { name: string }) => p.name === "slug").schema.pattern).toBe(
      "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$",
    );
    expect(results.find((p: { name: string }) => p.name === "x").schema.pattern).toBe("^[a-z][a-z0-9_]{0,62}$");
  });
});

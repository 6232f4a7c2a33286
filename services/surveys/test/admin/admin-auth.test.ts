import { createLogger, createMetrics, createServiceApp, newRoutes } from "@agora/http";
import { describe, expect, it } from "vitest";
import { adminRoutes } from "../../src/admin/index.ts";
import type { SurveyDeps } from "../../src/survey-deps.ts";
import { adminHarness, testSurvey } from "./admin-harness.ts";

// Every route of the admin API, with a body that would be valid, so a 401 can only come from the token.
const routes: [method: string, path: string, body?: unknown][] = [
  ["GET", "/api/surveys"],
  ["POST", "/api/surveys", testSurvey("auth-new")],
  ["GET", "/api/surveys/auth"],
  ["PUT", "/api/surveys/auth", testSurvey("auth")],
  ["DELETE", "/api/surveys/auth"],
  ["POST", "/api/surveys/auth/open"],
  ["POST", "/api/surveys/auth/close"],
  ["POST", "/api/surveys/auth/invites", { count: 2 }],
  ["GET", "/api/surveys/auth/export?format=csv"],
  ["GET", "/api/surveys/auth/export?format=json"],
];

describe("admin API: the bearer token", () => {
  const h = adminHarness("pglite");

  it.each(routes)(
    "%s %s answers 401 without a token, with a wrong one, and with another scheme",
    async (method, path, body) => {
      await h.request("POST", "/api/surveys", testSurvey("auth"));
      const wrong: Record<string, string>[] = [
        {},
        { authorization: "Bearer not-the-token" },
        { authorization: "Basic YWRtaW46YWRtaW4=" },
        { authorization: "Bearer " },
      ];
      for (const headers of wrong) {
        const res = await h.request(method, path, body, headers);
        expect(res.status).toBe(401);
        expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
        expect((await res.json()).error.code).toBe("unauthorized");
      }
      const survey = await h.request("GET", "/api/surveys/auth");
      expect(await survey.json()).toMatchObject({ state: "draft", inviteCount: 0 });
      expect((await h.request("GET", "/api/surveys/auth-new")).status).toBe(404);
    },
  );

  it("lets the token through, as any of the configured admins' tokens", async () => {
    expect((await h.request("GET", "/api/surveys")).status).toBe(200);
    expect((await h.request("GET", "/api/surveys", undefined, { authorization: "Bearer another-admin" })).status).toBe(
      200,
    );
  });

  it("lists the admin routes in the API document, with the bearer scheme", async () => {
    const doc = await (await h.request("GET", "/openapi.json")).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/surveys",
        "/api/surveys/{slug}",
        "/api/surveys/{slug}/open",
        "/api/surveys/{slug}/close",
        "/api/surveys/{slug}/invites",
        "/api/surveys/{slug}/export",
      ]),
    );
    expect(Object.keys(doc.paths["/api/surveys/{slug}"])).toEqual(expect.arrayContaining(["get", "put", "delete"]));
    expect(doc.components.securitySchemes.surveyAdmin).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("guards its own routes only: a members' route under /api/surveys mounted after it stays open", async () => {
    const app = createServiceApp({
      service: "t",
      deps: { surveys: { adminTokenSha256s: [] } } as unknown as SurveyDeps,
      logger: createLogger({ level: "silent" }),
      metrics: createMetrics({ defaultMetrics: false }),
      readiness: {},
    });
    app.route("/", adminRoutes());
    const members = newRoutes<SurveyDeps>();
    members.get("/api/surveys/:slug/blind-key", (c) => c.json({ slug: c.req.param("slug") }));
    app.route("/", members);
    const res = await app.request("/api/surveys/s1/blind-key");
    expect(res.status).toBe(200);
    expect((await app.request("/api/surveys/s1")).status).toBe(401);
  });
});

import { createHash } from "node:crypto";
import { freshDatabase, type TestDatabase } from "@agora/db/testing";
import { createLogger, createMetrics, createServiceApp } from "@agora/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminPageRoutes } from "../../src/admin-pages/index.ts";
import type { SurveyDeps } from "../../src/survey-deps.ts";
import { sameOrigin } from "./admin-pages-harness.ts";

const TOKEN = "limit-admin-token-0123456789";

describe("admin pages: sign-ins per address", () => {
  let t: TestDatabase;
  let app: ReturnType<typeof createServiceApp<SurveyDeps>>;
  beforeAll(async () => {
    t = await freshDatabase("pglite");
    const deps: SurveyDeps = {
      db: t.db,
      surveys: {
        adminTokenSha256s: [createHash("sha256").update(TOKEN).digest("hex")],
        publicUrl: "http://localhost",
        logger: createLogger({ level: "silent" }),
        now: () => new Date(),
      },
    };
    app = createServiceApp({
      service: "t",
      deps,
      logger: createLogger({ level: "silent" }),
      metrics: createMetrics({ defaultMetrics: false }),
      readiness: {},
    });
    app.route(
      "/",
      adminPageRoutes({
        signIns: { limit: 3, windowMinutes: 10 },
        clientAddress: (c) => c.req.header("x-test-address"),
      }),
    );
  });
  afterAll(() => t.drop());

  const signIn = (token: string, address: string) =>
    app.request("/admin/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-test-address": address, ...sameOrigin },
      body: new URLSearchParams({ token }).toString(),
    });

  it("refuses a fourth attempt from one address with 429 and Retry-After, even with the right token; other addresses go on", async () => {
    for (let i = 0; i < 3; i++) expect((await signIn(`guess-${i}`, "192.0.2.1")).status).toBe(401);
    const refused = await signIn(TOKEN, "192.0.2.1");
    expect(refused.status).toBe(429);
    // The first attempt leaves the 10-minute window in (just under) 600 s, rounded up.
    expect(refused.headers.get("retry-after")).toBe("600");
    expect(await refused.text()).toContain("Try again in 10 minutes.");
    expect(refused.headers.get("set-cookie")).toBeNull();
    expect((await signIn(TOKEN, "192.0.2.2")).status).toBe(303);
  });
});

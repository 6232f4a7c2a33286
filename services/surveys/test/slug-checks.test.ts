import { Writable } from "node:stream";
import { dialects } from "@agora/db/testing";
import { createLogger } from "@agora/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleSurvey } from "../src/testing/index.ts";
import { adminHarness } from "./admin/admin-harness.ts";
import {
  addSurvey,
  formHeaders,
  surveyTestApp,
  validExampleAnswers,
  formBody,
  type SurveyTestApp,
} from "./page/page-harness.ts";

// Slugs no survey can have. A NUL made PostgreSQL fail the lookup, which answered 500.
const badSlugs = ["%00", "a%00b", "Example", "-x", "a".repeat(70)];

describe.each(dialects)("a slug no survey can have, on %s", (dialect) => {
  let s: SurveyTestApp;
  const logged: string[] = [];
  beforeAll(async () => {
    const destination = new Writable({
      write(chunk, _encoding, done) {
        logged.push(String(chunk));
        done();
      },
    });
    s = await surveyTestApp(dialect, { allRoutes: true, logger: createLogger({ level: "warn", destination }) });
    await addSurvey(s.db, exampleSurvey());
  });
  afterAll(() => s.close());

  it("is a 400 naming param.slug in the JSON API", async () => {
    for (const slug of badSlugs) {
      const requests = [
        s.app.request(`/api/surveys/${slug}/blind-key`),
        s.app.request(`/api/surveys/${slug}/results`),
        s.app.request(`/api/surveys/${slug}/blind-sign`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ credential: "c", blinded_message: "AA" }),
        }),
      ];
      for (const res of await Promise.all(requests)) {
        expect(res.status, `${res.url} ${slug}`).toBe(400);
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe("validation_failed");
        expect(body.error.message).toMatch(/^param\.slug: must be a lowercase slug/);
      }
    }
  });

  it("is the not-found page on the member's pages", async () => {
    for (const slug of badSlugs) {
      const requests = [
        s.app.request(`/s/${slug}`),
        s.app.request(`/s/${slug}/thanks`),
        s.app.request(`/s/${slug}/results`),
        s.app.request(`/s/${slug}`, { method: "POST", headers: formHeaders, body: formBody(validExampleAnswers) }),
      ];
      for (const res of await Promise.all(requests)) {
        expect(res.status, slug).toBe(404);
        expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      }
    }
  });

  it("leaves nothing at warn level or above in the log", () => {
    expect(logged).toEqual([]);
  });
});

describe("a slug no survey can have in the admin API", () => {
  const h = adminHarness("postgres", { routes: "all" });

  it("is a 400 naming param.slug, after the admin check", async () => {
    for (const [method, path] of [
      ["GET", "/api/surveys/a%00"],
      ["DELETE", "/api/surveys/a%00"],
      ["POST", "/api/surveys/a%00/open"],
      ["GET", "/api/surveys/a%00/export"],
    ] as const) {
      const res = await h.request(method, path);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect((await res.json()).error.message).toMatch(/^param\.slug: /);
      expect((await h.request(method, path, undefined, {})).status).toBe(401);
    }
  });
});

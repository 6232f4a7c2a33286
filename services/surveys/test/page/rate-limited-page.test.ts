import { listResponses } from "@agora/db";
import { dialects } from "@agora/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { control, expectEveryControlLabelled } from "./html-checks.ts";
import {
  addSurvey,
  formBody,
  formHeaders,
  smallSurvey as survey,
  surveyTestApp,
  type SurveyTestApp,
} from "./page-harness.ts";

describe.each(dialects)("the rate limit's page on %s", (dialect) => {
  let s: SurveyTestApp;
  let now = Date.parse("2026-06-15T12:00:00Z");
  beforeAll(async () => {
    s = await surveyTestApp(dialect, {
      page: {
        rateLimit: { limit: 2, windowMs: 10 * 60_000, now: () => now },
        clientAddress: (c) => c.req.header("x-test-client"),
      },
    });
    await addSurvey(s.db, survey("busy"));
    await addSurvey(s.db, survey("late"));
  });
  afterAll(() => s.close());

  const post = async (slug: string, fields: Record<string, string | string[]>, client = "192.0.2.7") => {
    const res = await s.app.request(`/s/${slug}`, {
      method: "POST",
      headers: { ...formHeaders, "x-test-client": client },
      body: formBody(fields),
    });
    expect(res.headers.get("set-cookie")).toBeNull();
    return { res, page: await res.text() };
  };

  it("answers 429 with Retry-After, says when to send again, and keeps the answers in the form", async () => {
    expect((await post("busy", { "q.fav": "a" })).res.status).toBe(303);
    now = Date.parse("2026-06-15T12:03:30Z");
    expect((await post("busy", { "q.fav": "a" })).res.status).toBe(303);
    now = Date.parse("2026-06-15T12:05:10Z");
    const answers = {
      lang: "en",
      "q.fav": "b",
      "q.tools": ["vim", "nano"],
      "q.why": 'Because <of> "this"\r\nand that',
    };
    const { res, page } = await post("busy", answers);
    expect(res.status).toBe(429);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    // The first send leaves the window at 12:10:00, 290 seconds from now.
    expect(res.headers.get("retry-after")).toBe("290");
    expect(page).toContain("<title>Too many answers: Survey busy</title>");
    expect(page).toContain("<h1>Survey busy</h1>");
    expect(page).toMatch(
      /<div class="error-summary" role="alert" aria-labelledby="error-summary-title">\s*<h2 id="error-summary-title" tabindex="-1">Too many answers<\/h2>\s*<p>Many answers came from your network in the last minutes, so yours were not stored yet\. They are kept below: send them again in 5 minutes, after 12:10\sPM UTC\.<\/p>\s*<\/div>/,
    );
    // The form again, with every answer as sent; no link to an empty form.
    expect(page).toContain('<form method="post" action="/s/busy"');
    expect(control(page, "q-fav--b")).toHaveProperty("checked");
    expect(control(page, "q-fav")).not.toHaveProperty("checked");
    expect(control(page, "q-tools")).toHaveProperty("checked");
    expect(control(page, "q-tools--nano")).toHaveProperty("checked");
    expect(page).toContain("Because &lt;of&gt; &quot;this&quot;\r\nand that</textarea>");
    expect(page).not.toContain("Back to the survey");
    expectEveryControlLabelled(page);
    expect(await listResponses(s.db, "busy")).toHaveLength(2);

    // In German, rounded up to the next minute; once the window has passed the same answers are stored.
    now = Date.parse("2026-06-15T12:09:59Z");
    const de = await post("busy", { ...answers, lang: "de" });
    expect(de.res.status).toBe(429);
    expect(de.res.headers.get("retry-after")).toBe("1");
    expect(de.page).toContain('<h2 id="error-summary-title" tabindex="-1">Zu viele Antworten</h2>');
    expect(de.page).toContain("Senden Sie sie in einer Minute erneut, nach 12:10 UTC.");
    now = Date.parse("2026-06-15T12:10:00Z");
    expect((await post("busy", answers)).res.status).toBe(303);
    expect(await listResponses(s.db, "busy")).toHaveLength(3);
  });

  it("waits no longer than midnight (UTC), when every count is forgotten", async () => {
    now = Date.parse("2026-06-15T23:57:00Z");
    expect((await post("late", { "q.fav": "a" }, "198.51.100.4")).res.status).toBe(303);
    expect((await post("late", { "q.fav": "a" }, "198.51.100.4")).res.status).toBe(303);
    now = Date.parse("2026-06-15T23:58:30Z");
    const over = await post("late", { "q.fav": "a" }, "198.51.100.4");
    expect(over.res.status).toBe(429);
    expect(over.res.headers.get("retry-after")).toBe("90");
    expect(over.page).toContain("send them again in 2 minutes, after 12:00");
    now = Date.parse("2026-06-16T00:00:00Z");
    expect((await post("late", { "q.fav": "a" }, "198.51.100.4")).res.status).toBe(303);
  });
});

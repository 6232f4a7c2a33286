import { listResponses } from "@agora/db";
import { dialects } from "@agora/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleSurveyOnOnePage } from "../../src/testing/index.ts";
import { control, expectEveryControlLabelled } from "./html-checks.ts";
import {
  addSurvey,
  formBody,
  formHeaders,
  surveyTestApp,
  validExampleAnswers,
  type SurveyTestApp,
} from "./page-harness.ts";

describe.each(dialects)("POST /s/:slug on %s", (dialect) => {
  let s: SurveyTestApp;
  beforeAll(async () => {
    s = await surveyTestApp(dialect);
    await addSurvey(s.db, exampleSurveyOnOnePage());
  });
  afterAll(() => s.close());

  async function post(
    fields: Record<string, string | string[]>,
    headers: Record<string, string> = {},
    slug = "example",
  ) {
    const res = await s.app.request(`/s/${slug}`, {
      method: "POST",
      headers: { ...formHeaders, ...headers },
      body: formBody(fields),
    });
    expect(res.headers.get("set-cookie")).toBeNull();
    return { res, page: await res.text() };
  }

  it("re-renders a wrong form with 400, every answer kept, and each error named in a summary that links to its field", async () => {
    const before = (await listResponses(s.db, "example")).length;
    const { res, page } = await post({
      "q.usage": "cloud",
      "q.versions": ["v9", "v10"],
      "q.machines": "many",
      "q.satisfaction": "4",
      "q.support.docs": "good",
      "q.sig_interest": "yes",
      "q.sig_which": "Cloud <SIG> & friends",
      "q.priorities.docs": "1",
      "q.priorities.hardware": "1",
      "q.priorities.cloud_images": "2",
      "q.priorities.faster_updates": "3",
      "q.improve": 'More "docs"\nplease',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expectEveryControlLabelled(page);
    expect(page).toContain('<div class="error-summary" role="alert" aria-labelledby="error-summary-title">');
    expect(page).toContain('<h2 id="error-summary-title" tabindex="-1">There is a problem with your answers</h2>');
    const links = [...page.matchAll(/<li><a href="#([^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => [m[1], m[2]]);
    expect(links).toEqual([
      ["q-machines", "Question 4: About how many machines run it? — Enter a number, like 12 or 2.5."],
      ["q-recommend", "Question 6: How likely are you to recommend it to a colleague? — Answer this question."],
      [
        "q-priorities-docs",
        "Question 9: Rank what we should work on first – Better documentation — Give each option a different position.",
      ],
    ]);
    // Each link's target exists and carries its own message.
    expect(control(page, "q-machines")).toMatchObject({
      "aria-invalid": "true",
      "aria-describedby": "help-machines error-q-machines",
    });
    expect(page).toContain('<p class="field-error" id="error-q-machines">Enter a number, like 12 or 2.5.</p>');
    expect(control(page, "q-recommend")).toMatchObject({
      "aria-invalid": "true",
      "aria-describedby": "error-q-recommend",
    });
    expect(control(page, "q-priorities-docs")).toMatchObject({ "aria-invalid": "true" });
    expect(page).toContain(
      '<p class="field-error" id="error-q-priorities-docs">Give each option a different position.</p>',
    );
    // The answers are all still there.
    expect(control(page, "q-usage--cloud")).toHaveProperty("checked");
    expect(control(page, "q-usage")).not.toHaveProperty("checked");
    expect(control(page, "q-versions--v9")).toHaveProperty("checked");
    expect(control(page, "q-versions--v10")).toHaveProperty("checked");
    expect(control(page, "q-satisfaction--4")).toHaveProperty("checked");
    expect(control(page, "q-support-docs--good")).toHaveProperty("checked");
    expect(control(page, "q-sig_interest--yes")).toHaveProperty("checked");
    expect(page).toContain('value="Cloud &lt;SIG&gt; &amp; friends"');
    expect(page).toContain(">More &quot;docs&quot;\nplease</textarea>");
    expect(page).toMatch(/<select id="q-priorities-hardware"[^>]*>[\s\S]*?<option value="1" selected>1<\/option>/);
    expect(page).toMatch(
      /<select id="q-priorities-faster_updates"[^>]*>[\s\S]*?<option value="3" selected>3<\/option>/,
    );
    expect(await listResponses(s.db, "example")).toHaveLength(before);
  });

  it("words errors in the language the form was in", async () => {
    const { res, page } = await post({ lang: "de", "q.usage": "servers" });
    expect(res.status).toBe(400);
    expect(page).toContain('<html lang="de"');
    expect(page).toContain("Mit Ihren Antworten stimmt etwas nicht");
    expect(page).toContain("Frage 2: Welche Hauptversionen setzen Sie ein? — Beantworten Sie diese Frage.");
    expect(page).toContain('<input type="hidden" name="lang" value="de">');
  });

  it("names the other text when Other is chosen without one", async () => {
    const { page } = await post({ ...validExampleAnswers, "q.usage": "other" });
    expect(page).toContain(
      '<a href="#q-usage-other">Question 1: Where do you mainly run the distribution? – Other, in your words — You chose “Other”: say what it is.</a>',
    );
    expect(control(page, "q-usage-other")).toMatchObject({
      "aria-invalid": "true",
      "aria-describedby": "error-q-usage-other",
    });
  });

  it("refuses a NUL in a text and a repeated single-valued field with 400 naming the field, and stores nothing", async () => {
    const before = (await listResponses(s.db, "example")).length;
    const nul = await post({ ...validExampleAnswers, "q.improve": "a\u0000b" });
    expect(nul.res.status).toBe(400);
    expect(nul.page).toContain(
      '<p class="field-error" id="error-q-improve">Remove the control character (NUL) or broken character from this text.</p>',
    );
    const twice = await post({ ...validExampleAnswers, "q.satisfaction": ["4", "5"] });
    expect(twice.res.status).toBe(400);
    expect(twice.page).toContain(
      '<p class="field-error" id="error-q-satisfaction">This answer was sent more than once: send it once.</p>',
    );
    expect(await listResponses(s.db, "example")).toHaveLength(before);
  });

  it("stores a good answer and redirects to the thanks page (303), dropping a hidden question's answer", async () => {
    const before = await listResponses(s.db, "example");
    const { res } = await post({
      ...validExampleAnswers,
      "q.sig_interest": "no",
      "q.sig_which": "should be dropped",
      "q.improve": "  Faster mirrors  ",
      lang: "de",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/s/example/thanks?lang=de");
    const after = await listResponses(s.db, "example");
    expect(after).toHaveLength(before.length + 1);
    const stored = after.find((r) => !before.some((b) => b.id === r.id))!;
    expect(stored.day).toBe("2026-06-15");
    expect(stored.answers).toEqual({
      usage: "servers",
      versions: ["v9", "v10"],
      satisfaction: 4,
      recommend: 9,
      sig_interest: "no",
    });
    expect(stored.texts).toEqual({ improve: "Faster mirrors" });
  });

  it("refuses a post from another site with 403 and stores nothing; same-origin, null-origin same-origin and header-less posts pass", async () => {
    const count = async () => (await listResponses(s.db, "example")).length;
    const before = await count();
    const evil = await post(validExampleAnswers, { origin: "https://evil.example" });
    expect(evil.res.status).toBe(403);
    expect(evil.page).toContain("<h1>Answers refused</h1>");
    expect((await post(validExampleAnswers, { "sec-fetch-site": "cross-site" })).res.status).toBe(403);
    expect((await post(validExampleAnswers, { origin: "null", "sec-fetch-site": "cross-site" })).res.status).toBe(403);
    expect((await post(validExampleAnswers, { "sec-fetch-site": "same-site" })).res.status).toBe(403);
    expect(await count()).toBe(before);

    expect((await post(validExampleAnswers, { origin: "http://localhost" })).res.status).toBe(303);
    expect((await post(validExampleAnswers, { origin: "http://agora.test" })).res.status).toBe(303);
    expect((await post(validExampleAnswers, { origin: "null", "sec-fetch-site": "same-origin" })).res.status).toBe(303);
    expect((await post(validExampleAnswers)).res.status).toBe(303);
    expect(await count()).toBe(before + 4);
  });

  it("refuses other content types with 415, an oversized body with 413, and an unknown survey with 404, each as a page", async () => {
    const json = await s.app.request("/s/example", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(validExampleAnswers),
    });
    expect(json.status).toBe(415);
    expect(await json.text()).toContain("<h1>Form not understood</h1>");
    const multipart = new FormData();
    multipart.append("q.usage", "servers");
    expect((await s.app.request("/s/example", { method: "POST", body: multipart })).status).toBe(415);

    const huge = await post({ ...validExampleAnswers, "q.improve": "x".repeat(300 * 1024) });
    expect(huge.res.status).toBe(413);
    expect(huge.page).toContain("<h1>Answers too long</h1>");

    const missing = await post(validExampleAnswers, {}, "no-such-survey");
    expect(missing.res.status).toBe(404);
    expect(missing.page).toContain("<h1>Survey not found</h1>");
  });
});

import { dialects } from "@agora/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addSurvey,
  formBody,
  formHeaders,
  smallSurvey as survey,
  surveyTestApp,
  type SurveyTestApp,
} from "./page-harness.ts";

/** The page's text without tags, to count what a reader reads. */
const words = (page: string) => page.replace(/<[^>]*>/g, " ");

describe.each(dialects)("the thanks page on %s", (dialect) => {
  let s: SurveyTestApp;
  beforeAll(async () => {
    s = await surveyTestApp(dialect, { allRoutes: true });
    await addSurvey(
      s.db,
      survey("public", {
        thanks: { en: "Thank you! Your answer counts.", de: "Danke! Ihre Antwort zählt." },
        results: { public: true, min_group_size: 5 },
      }),
    );
    await addSurvey(s.db, survey("private", { thanks: "Thank you very much!" }));
    await addSurvey(s.db, survey("plain", { results: { public: true, min_group_size: 5 } }));
  });
  afterAll(() => s.close());

  const get = async (path: string) => {
    const res = await s.app.request(path);
    return { res, page: await res.text() };
  };

  it("says thanks once, in the survey's words, and links to results that are public", async () => {
    const { res, page } = await get("/s/public/thanks?lang=en");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(words(page).match(/thank/gi)).toHaveLength(1);
    expect(page).toContain("<title>Answer stored: Survey public</title>");
    expect(page).toContain("<h1>Survey public</h1>");
    expect(page).toContain('<p class="thanks">Thank you! Your answer counts.</p>');
    expect(page).toContain('<p><a href="/s/public/results?lang=en">See the results so far</a></p>');
    // The link leads to the results page, in the same language.
    const results = await s.app.request("/s/public/results?lang=en");
    expect(results.status).toBe(200);

    const de = await get("/s/public/thanks?lang=de");
    expect(words(de.page).match(/danke/gi)).toHaveLength(1);
    expect(de.page).toContain('<p class="thanks">Danke! Ihre Antwort zählt.</p>');
    expect(de.page).toContain('<p><a href="/s/public/results?lang=de">Die bisherigen Ergebnisse ansehen</a></p>');
  });

  it("has no results link when the results are not public, and its own thanks when the survey has none", async () => {
    const hidden = await get("/s/private/thanks");
    expect(words(hidden.page).match(/thank/gi)).toHaveLength(1);
    expect(hidden.page).toContain('<p class="thanks">Thank you very much!</p>');
    expect(hidden.page).not.toContain("/results");
    expect((await s.app.request("/s/private/results")).status).toBe(404);

    const plain = await get("/s/plain/thanks");
    expect(words(plain.page).match(/thank/gi)).toHaveLength(1);
    expect(plain.page).toContain('<p class="thanks">Thank you: your answer is stored.</p>');
    expect(plain.page).toContain('href="/s/plain/results?lang=en"');
    const plainDe = await get("/s/plain/thanks?lang=de");
    expect(plainDe.page).toContain('<p class="thanks">Danke: Ihre Antwort ist gespeichert.</p>');
  });

  it("is reached after a member's answer, by the redirect", async () => {
    const res = await s.app.request("/s/public", {
      method: "POST",
      headers: formHeaders,
      body: formBody({ lang: "de", "q.fav": "a" }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/s/public/thanks?lang=de");
  });
});

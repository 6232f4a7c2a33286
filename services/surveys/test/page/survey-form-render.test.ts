import { dialects } from "@agora/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleSurveyOnOnePage } from "../../src/testing/index.ts";
import { expectEveryControlLabelled, tags } from "./html-checks.ts";
import { addSurvey, surveyTestApp, type SurveyTestApp } from "./page-harness.ts";

describe.each(dialects)("GET /s/:slug on %s", (dialect) => {
  let s: SurveyTestApp;
  beforeAll(async () => {
    s = await surveyTestApp(dialect);
    await addSurvey(s.db, exampleSurveyOnOnePage());
  });
  afterAll(() => s.close());

  async function get(path: string, headers: Record<string, string> = {}) {
    const res = await s.app.request(path, { headers });
    expect(res.headers.get("set-cookie")).toBeNull();
    return { res, page: await res.text() };
  }

  it("renders every question type as labelled form controls named as parseAnswers reads them", async () => {
    const { res, page } = await get("/s/example");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page).toContain('<html lang="en" dir="ltr">');
    expect(page).toContain("<h1>Community survey 2026</h1>");
    expect(page).toContain("Tell us how you use the distribution");
    expectEveryControlLabelled(page);

    const inputs = tags(page, "input");
    const named = (name: string) => inputs.filter((a) => a.name === name);
    // Single choice: a radio group in a fieldset whose legend is the question, "other" beside it.
    expect(named("q.usage").map((a) => [a.type, a.value])).toEqual(
      ["servers", "cloud", "hpc", "desktop", "homelab", "other"].map((v) => ["radio", v]),
    );
    expect(page).toMatch(
      /<fieldset class="choices" role="radiogroup" aria-required="true">\s*<legend><span class="question-number">Question 1<\/span> <span class="question-title">Where do you mainly run the distribution\?<\/span> <span class="required-marker">\(required\)<\/span><\/legend>/,
    );
    expect(named("q.usage.other")[0]).toMatchObject({ type: "text", maxlength: "200", id: "q-usage-other" });
    expect(page).toContain('<label for="q-usage-other">Other, in your words</label>');
    // Multiple choice: checkboxes.
    expect(named("q.versions").every((a) => a.type === "checkbox")).toBe(true);
    expect(named("q.architectures")).toHaveLength(7);
    // Number with bounds and a decimal keypad; help tied to it.
    expect(named("q.machines")[0]).toMatchObject({
      type: "number",
      inputmode: "decimal",
      min: "0",
      max: "10000000",
      "aria-describedby": "help-machines",
    });
    expect(page).toContain('<p class="help" id="help-machines">A rough number is fine.</p>');
    // Rating 1–5 and NPS 0–10, with the words for both ends.
    expect(named("q.satisfaction").map((a) => a.value)).toEqual(["1", "2", "3", "4", "5"]);
    // The end words are in the end points' labels for a screen reader, and shown once under the row.
    expect(page).toContain('1<span class="visually-hidden"> (Very unhappy)</span>');
    expect(page).toContain(
      '<div class="scale-ends" aria-hidden="true"><span>1: Very unhappy</span><span>5: Very happy</span></div>',
    );
    expect(named("q.recommend").map((a) => a.value)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    expect(page).toContain('0<span class="visually-hidden"> (not at all likely)</span>');
    expect(page).toContain('10<span class="visually-hidden"> (extremely likely)</span>');
    expect(named("q.recommend").every((a) => "required" in a)).toBe(true);
    // Likert: a fieldset per row, a radio per column.
    for (const row of ["docs", "forum", "chat", "bugs"])
      expect(named(`q.support.${row}`).map((a) => a.value)).toEqual(["poor", "fair", "good", "na"]);
    expect(
      page.match(/<fieldset class="likert-row">\s*<legend>(Documentation|Forum|Matrix chat|Bug tracker)<\/legend>/g),
    ).toHaveLength(4);
    // Short and long text with their limits.
    expect(named("q.sig_which")[0]).toMatchObject({ type: "text", maxlength: "200" });
    expect(tags(page, "textarea")[0]).toMatchObject({
      name: "q.improve",
      maxlength: "3000",
      "aria-describedby": "help-improve",
    });
    // Ranking: a select of positions 1…4 per option.
    const selects = tags(page, "select");
    expect(selects.map((a) => a.name)).toEqual([
      "q.priorities.hardware",
      "q.priorities.docs",
      "q.priorities.cloud_images",
      "q.priorities.faster_updates",
    ]);
    expect(page).toContain('<option value="4">4</option>');
    expect(page).toContain('<label for="q-priorities-docs">Better documentation</label>');
    expect(selects.every((a) => a["aria-describedby"] === "rank-hint-priorities")).toBe(true);
  });

  it("says how many choices a bounded multiple choice takes, tied to every checkbox", async () => {
    await addSurvey(s.db, {
      slug: "bounded",
      title: "Bounded",
      questions: [
        {
          id: "picks",
          type: "multiple_choice",
          min: 1,
          max: 2,
          title: "Pick",
          options: [
            { id: "a", label: "A" },
            { id: "b", label: "B" },
            { id: "c", label: "C" },
          ],
        },
      ],
    });
    const { page } = await get("/s/bounded");
    expectEveryControlLabelled(page);
    expect(page).toContain('<p class="help" id="bounds-picks">Choose 1 to 2.</p>');
    expect(
      tags(page, "input")
        .filter((a) => a.name === "q.picks")
        .map((a) => a["aria-describedby"]),
    ).toEqual(["bounds-picks", "bounds-picks", "bounds-picks"]);
  });

  it("shows conditional questions with a worded hint, marks required ones in words, and loads the same-origin scripts", async () => {
    const { page } = await get("/s/example");
    expect(page).toContain(
      '<p class="show-if-hint" id="hint-sig_which">Answer only if you chose “I am in one” or “Yes” in question 8.</p>',
    );
    expect(tags(page, "input").find((a) => a.name === "q.sig_which")).toMatchObject({
      "aria-describedby": "hint-sig_which",
    });
    expect(page.match(/<span class="required-marker">\(required\)<\/span>/g)).toHaveLength(4);
    expect(page).toContain('<script src="/assets/survey-form.js" defer></script>');
    expect(page).not.toContain("survey-blind.js");
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)/);
    const form = tags(page, "form")[0]!;
    expect(form).toMatchObject({ method: "post", action: "/s/example" });
    expect(JSON.parse(form["data-questions"]!)).toContainEqual({
      id: "sig_which",
      type: "short_text",
      show_if: { question: "sig_interest", any_of: ["already", "yes"] },
    });
    const script = await s.app.request("/assets/survey-form.js");
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain("function isShown(condition, answers)");
  });

  it("offers the survey's languages: ?lang=, else Accept-Language, else the first", async () => {
    const de = await get("/s/example?lang=de");
    expect(de.page).toContain('<html lang="de" dir="ltr">');
    expect(de.page).toContain("<h1>Community-Umfrage 2026</h1>");
    expect(de.page).toContain(">Antworten absenden</button>");
    expect(de.page).toContain("(Pflichtfrage)");
    expect(de.page).toContain("Nur beantworten, wenn Sie in Frage 8 „Ich bin schon dabei“ oder „Ja“ gewählt haben.");
    expect(de.page).toContain('<input type="hidden" name="lang" value="de">');
    expect(de.page).toContain('<a href="/s/example?lang=en" hreflang="en" lang="en">English</a>');

    expect((await get("/s/example", { "accept-language": "fr-FR, de-AT;q=0.8, en;q=0.5" })).page).toContain(
      '<html lang="de"',
    );
    expect((await get("/s/example", { "accept-language": "fr, it;q=0.5" })).page).toContain('<html lang="en"');
    expect((await get("/s/example?lang=fr", { "accept-language": "de" })).page).toContain('<html lang="de"');
    expect((await get("/s/example?lang=en", { "accept-language": "de" })).page).toContain('<html lang="en"');
  });

  it("shows the thanks page in the member's language", async () => {
    const en = await get("/s/example/thanks");
    expect(en.res.status).toBe(200);
    expect(en.page).toContain("Thank you! Your answer is stored without anything that points back to you.");
    const de = await get("/s/example/thanks?lang=de");
    expect(de.page).toContain("Danke! Ihre Antwort ist ohne jeden Hinweis auf Sie gespeichert.");
    expect((await get("/s/nothing-here/thanks")).res.status).toBe(404);
  });

  it("answers 404 with a page for a survey that does not exist", async () => {
    const { res, page } = await get("/s/nothing-here", { "accept-language": "de" });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page).toContain("<h1>Umfrage nicht gefunden</h1>");
  });
});

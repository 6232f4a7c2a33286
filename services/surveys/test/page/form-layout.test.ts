import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleSurvey } from "../../src/testing/index.ts";
import { addSurvey, formBody, formHeaders, surveyTestApp, validExampleAnswers, type SurveyTestApp } from "./page-harness.ts";

describe("the form's choices as sent back", () => {
  let s: SurveyTestApp;
  beforeAll(async () => {
    s = await surveyTestApp("pglite");
    await addSurvey(s.db, exampleSurvey());
  });
  afterAll(() => s.close());

  const post = (fields: Record<string, string | string[]>) => s.app.request("/s/example", { method: "POST", headers: formHeaders, body: formBody(fields) });

  it("ticks “Other” when an other text came without it, as parseAnswers takes it, so its box stays open", async () => {
    // The other text alone, and a missing required answer so the form comes back.
    const { "q.usage": _usage, ...rest } = validExampleAnswers;
    const res = await post({ ...rest, "q.architectures.other": "loongarch64" });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toMatch(/<input type="checkbox" id="q-architectures--other" name="q.architectures" value="other" checked/);
    expect(page).toContain('value="loongarch64"');
    expect(page).toMatch(/<input type="radio" id="q-usage--other" name="q.usage" value="other"(?! checked)/);
  });
});

describe("question numbers", () => {
  let s: SurveyTestApp;
  beforeAll(async () => {
    s = await surveyTestApp("pglite");
    await addSurvey(s.db, {
      slug: "numbers",
      title: "Numbers",
      questions: [
        { id: "uses", type: "single_choice", title: "Do you use it?", options: [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }] },
        { id: "how_long", type: "number", title: "For how long?", show_if: { question: "uses", equals: "yes" } },
        { id: "since_when", type: "short_text", title: "Since when?", show_if: { question: "how_long", at_least: 2 } },
        { id: "wish", type: "long_text", title: "One wish?" },
      ],
    });
  });
  afterAll(() => s.close());

  it("number only questions without a condition, so none is skipped when a conditional one is hidden", async () => {
    const page = await (await s.app.request("/s/numbers")).text();
    const numbers = [...page.matchAll(/<span class="question-number">([^<]*)<\/span> <span class="question-title">([^<]*)</g)].map((m) => `${m[1]} ${m[2]}`);
    expect(numbers).toEqual(["Question 1 Do you use it?", "Question 2 One wish?"]);
    expect(page).toContain('<span class="question-title">For how long?</span>');
    // A hint names a numbered question by its number, a conditional one by its title.
    expect(page).toContain("Answer only if you chose “Yes” in question 1.");
    expect(page).toContain("Answer only if your answer to “For how long?” is 2 or more.");
  });

  it("names questions the same way in the error summary", async () => {
    const res = await s.app.request("/s/numbers", { method: "POST", headers: formHeaders, body: formBody({ "q.uses": "yes", "q.how_long": "many", "q.wish": "x".repeat(6000) }) });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain("For how long? — Enter a number, like 12 or 2.5.");
    expect(page).toContain("Question 2: One wish? — Use at most 5000 characters.");
  });
});

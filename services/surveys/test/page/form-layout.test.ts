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

import { describe, expect, it } from "vitest";
import { parseAnswers } from "../../src/answers/index.ts";
import { answersToForm, exampleSurvey, generateAnswers } from "../../src/testing/index.ts";

describe("generated answers", () => {
  it("are answers the example survey's form accepts, unchanged, through the form a browser would post", () => {
    const survey = exampleSurvey();
    for (const answers of generateAnswers(survey, 300, 5)) {
      const parsed = parseAnswers(survey, answersToForm(survey, answers));
      expect(parsed).toEqual({ ok: true, answers });
    }
  });
});

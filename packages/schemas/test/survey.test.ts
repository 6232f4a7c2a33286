import { describe, expect, it } from "vitest";
import { describeIssues, localize, readableErrors, SurveyDefinition } from "../src/index.ts";

const choice = (id: string, extra: object = {}) => ({
  id,
  type: "single_choice",
  title: "Pick one",
  options: [
    { id: "a", label: "A" },
    { id: "b", label: "B" },
  ],
  ...extra,
});

function problems(survey: unknown): string[] {
  const result = SurveyDefinition.safeParse(survey, { error: readableErrors });
  return result.success ? [] : describeIssues(result.error);
}

describe("SurveyDefinition", () => {
  it("fills in the access mode, results policy and language an author may leave out", () => {
    const survey = SurveyDefinition.parse({ slug: "s", title: "T", questions: [choice("q1")] });
    expect(survey.access).toEqual({ mode: "open" });
    expect(survey.results).toEqual({ public: false, min_group_size: 5 });
    expect(survey.languages).toEqual(["en"]);
    expect(survey.questions[0]).toMatchObject({ required: false, other: false });
  });

  it("takes every question type", () => {
    const options = [
      { id: "x", label: "X" },
      { id: "y", label: "Y" },
    ];
    const questions = [
      choice("single", { other: true }),
      { id: "multi", type: "multiple_choice", title: "M", options, min: 1, max: 2 },
      { id: "rate", type: "rating", title: "R", labels: { min: "bad", max: "good" } },
      { id: "nps", type: "nps", title: "N" },
      { id: "matrix", type: "likert", title: "L", rows: options, scale: options },
      { id: "count", type: "number", title: "C", integer: true, min: 0 },
      { id: "short", type: "short_text", title: "S" },
      { id: "long", type: "long_text", title: "L" },
      { id: "order", type: "ranking", title: "O", options },
    ];
    expect(problems({ slug: "all-types", title: "T", questions })).toEqual([]);
  });

  it("lets a condition look only at earlier questions and their real options", () => {
    const forward = [choice("q1", { show_if: { question: "q2", answered: true } }), choice("q2")];
    expect(problems({ slug: "s", title: "T", questions: forward })).toEqual([
      'questions[0].show_if.question: "q2" is not an earlier question',
    ]);
    const badOption = [choice("q1"), choice("q2", { show_if: { question: "q1", any_of: ["a", "zzz"] } })];
    expect(problems({ slug: "s", title: "T", questions: badOption })).toEqual([
      'questions[1].show_if: "zzz" is not an option of "q1"',
    ]);
    const nested = [choice("q1"), choice("q2", { show_if: { not: { any: [{ question: "q1", equals: "a" }] } } })];
    expect(problems({ slug: "s", title: "T", questions: nested })).toEqual([]);
  });

  it("splits the questions into sections in order, the first at the first question", () => {
    const questions = [choice("q1"), choice("q2"), choice("q3")];
    const ok = SurveyDefinition.parse({
      slug: "s",
      title: "T",
      questions,
      sections: [
        { first_question: "q1", title: "One" },
        { first_question: "q3", title: "Two", intro: "Last" },
      ],
    });
    expect(ok.sections).toEqual([
      { first_question: "q1", title: "One" },
      { first_question: "q3", title: "Two", intro: "Last" },
    ]);
    expect(SurveyDefinition.parse({ slug: "s", title: "T", questions }).sections).toBeUndefined();
    expect(
      problems({
        slug: "s",
        title: "T",
        questions,
        sections: [
          { first_question: "q2", title: "One" },
          { first_question: "q1", title: "Two" },
          { first_question: "q9", title: "Three" },
        ],
      }),
    ).toEqual([
      'sections[0].first_question: must be the survey\'s first question ("q1"), so every question is in a section',
      "sections[1].first_question: must come after the previous section's first question",
      'sections[2].first_question: "q9" is not a question of this survey',
    ]);
    expect(problems({ slug: "s", title: "T", questions, sections: [] })).toEqual([
      "sections: needs at least one section, or no sections key",
    ]);
    const twoLanguages = {
      slug: "s",
      languages: ["en", "de"],
      title: { en: "T", de: "T" },
      questions,
      sections: [{ first_question: "q1", title: { en: "One" } }],
    };
    expect(problems(twoLanguages)).toEqual(["sections[0].title: has no text for de"]);
  });

  it("names a text that lacks one of the survey's languages", () => {
    const survey = {
      slug: "s",
      languages: ["en", "de"],
      title: { en: "T", de: "T" },
      questions: [choice("q1", { title: { en: "Only English" } })],
    };
    expect(problems(survey)).toEqual(["questions[0].title: has no text for de"]);
  });

  it("refuses twice-used ids, a reserved other id, and a close before the open", () => {
    const survey = {
      slug: "s",
      title: "T",
      opens_at: "2026-12-01T00:00:00Z",
      closes_at: "2026-11-01T00:00:00Z",
      questions: [
        choice("q1"),
        choice("q1"),
        choice("q3", {
          other: true,
          options: [
            { id: "other", label: "O" },
            { id: "b", label: "B" },
          ],
        }),
      ],
    };
    expect(problems(survey)).toEqual([
      "closes_at: must be after opens_at",
      'questions[1].id: "q1" is used by an earlier question',
      'questions[2].options: "other" is kept for the free-text option when other is true',
    ]);
  });

  it("names bad slugs, ids and unknown keys", () => {
    expect(problems({ slug: "Bad Slug", title: "T", questions: [choice("1q")], colour: "red" })).toEqual([
      "slug: must be a lowercase slug like community-2026",
      "questions[0].id: must start with a letter and hold only a-z, 0-9 and _ (like os_version)",
      "colour: unknown key, check its spelling",
    ]);
  });
});

describe("localize", () => {
  it("picks the language, then the survey's first, then any", () => {
    expect(localize({ en: "Hello", de: "Hallo" }, "de", "en")).toBe("Hallo");
    expect(localize({ en: "Hello", de: "Hallo" }, "fr", "en")).toBe("Hello");
    expect(localize("Plain", "de", "en")).toBe("Plain");
  });
});

import { describe, expect, it } from "vitest";
import { parseAnswers, type FormFields } from "../../src/index.ts";
import { exampleSurvey } from "../../src/testing/index.ts";

const survey = exampleSurvey();
const form = (fields: Record<string, string | string[]>): FormFields =>
  new Map(Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));

const complete = {
  "q.usage": "cloud",
  "q.versions": ["v10", "v9"],
  "q.architectures": ["aarch64", "other"],
  "q.architectures.other": "loongarch64",
  "q.machines": "120",
  "q.satisfaction": "4",
  "q.recommend": "9",
  "q.support.docs": "good",
  "q.support.forum": "fair",
  "q.sig_interest": "yes",
  "q.sig_which": "Cloud",
  "q.priorities.hardware": "2",
  "q.priorities.docs": "1",
  "q.priorities.cloud_images": "4",
  "q.priorities.faster_updates": "3",
  "q.improve": "  More ARM images.  ",
};

describe("parseAnswers on the example survey", () => {
  it("keeps closed answers and free text apart, in the survey's order", () => {
    const parsed = parseAnswers(survey, form(complete));
    expect(parsed).toEqual({
      ok: true,
      answers: {
        answers: {
          usage: "cloud",
          versions: ["v9", "v10"],
          architectures: ["aarch64", "other"],
          machines: 120,
          satisfaction: 4,
          recommend: 9,
          support: { docs: "good", forum: "fair" },
          sig_interest: "yes",
          priorities: ["docs", "hardware", "faster_updates", "cloud_images"],
        },
        texts: { architectures: "loongarch64", sig_which: "Cloud", improve: "More ARM images." },
      },
    });
  });

  it("names every missing or wrong answer with the field to focus", () => {
    const parsed = parseAnswers(
      survey,
      form({
        "q.usage": "mainframe",
        "q.satisfaction": "7",
        "q.recommend": "nine",
        "q.machines": "2.5",
        "q.priorities.docs": "1",
      }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      { questionId: "usage", field: "q.usage", code: "not_an_option" },
      { questionId: "versions", field: "q.versions", code: "required" },
      { questionId: "machines", field: "q.machines", code: "not_whole" },
      { questionId: "satisfaction", field: "q.satisfaction", code: "above_max", limit: 5 },
      { questionId: "recommend", field: "q.recommend", code: "not_a_number" },
      { questionId: "priorities", field: "q.priorities.hardware", code: "ranking_incomplete" },
    ]);
  });

  it("drops the answer to a question its condition hides", () => {
    const parsed = parseAnswers(survey, form({ ...complete, "q.sig_interest": "no", "q.sig_which": "Kernel" }));
    expect(parsed.ok && parsed.answers.texts.sig_which).toBe(undefined);
  });

  it("takes a typed other text as choosing other, and wants the text when other is ticked", () => {
    const typed = parseAnswers(survey, form({ ...complete, "q.usage": [], "q.usage.other": "Raspberry Pi" }));
    expect(typed.ok && typed.answers).toMatchObject({ answers: { usage: "other" }, texts: { usage: "Raspberry Pi" } });
    const ticked = parseAnswers(survey, form({ ...complete, "q.architectures.other": "" }));
    expect(!ticked.ok && ticked.errors).toEqual([
      { questionId: "architectures", field: "q.architectures.other", code: "other_text_missing" },
    ]);
  });

  it("refuses a repeated rank, a scale column that does not exist, and text over its length", () => {
    const parsed = parseAnswers(
      survey,
      form({ ...complete, "q.priorities.hardware": "1", "q.support.chat": "great", "q.sig_which": "x".repeat(201) }),
    );
    expect(!parsed.ok && parsed.errors.map((e) => [e.field, e.code])).toEqual([
      ["q.support.chat", "not_an_option"],
      ["q.sig_which", "too_long"],
      ["q.priorities.docs", "ranking_repeated"],
    ]);
  });

  it("refuses every single-valued field sent twice, naming it, even with the same value twice", () => {
    const twice: [string, string[]][] = [
      ["q.satisfaction", ["4", "5"]],
      ["q.usage", ["cloud", "cloud"]],
      ["q.machines", ["1", "2"]],
      ["q.support.docs", ["good", "good"]],
      ["q.priorities.docs", ["1", "1"]],
      ["q.improve", ["a", "b"]],
      ["q.architectures.other", ["a", "b"]],
    ];
    for (const [field, values] of twice) {
      const parsed = parseAnswers(survey, form({ ...complete, [field]: values }));
      expect(!parsed.ok && parsed.errors.map((e) => [e.field, e.code]), field).toEqual([[field, "repeated"]]);
    }
    // Boxes of a multiple choice are several values of one field; a box sent twice is chosen once.
    const boxes = parseAnswers(survey, form({ ...complete, "q.versions": ["v9", "v9"] }));
    expect(boxes.ok && boxes.answers.answers.versions).toEqual(["v9"]);
  });

  it("refuses a NUL or a lone surrogate in a text, which the database cannot store", () => {
    for (const [field, text] of [
      ["q.improve", "a\u0000b"],
      ["q.sig_which", "\ud800"],
      ["q.architectures.other", "x\u0000"],
    ] as const) {
      const parsed = parseAnswers(survey, form({ ...complete, [field]: text }));
      expect(!parsed.ok && parsed.errors.map((e) => [e.field, e.code]), field).toEqual([[field, "bad_character"]]);
    }
  });
});

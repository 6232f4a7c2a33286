import type { SurveyAnswers } from "@agora/schemas";
import { dialects, freshDatabase, type TestDatabase } from "@agora/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeResults } from "../../src/results/index.ts";
import { resultsSurvey, seedSurvey } from "./results-fixtures.ts";

const repeat = (n: number, make: (i: number) => SurveyAnswers): SurveyAnswers[] =>
  Array.from({ length: n }, (_, i) => make(i));
const list = (counts: [number, number][]) => counts.flatMap(([value, n]) => Array<number>(n).fill(value));

// 24 answers worked by hand; k = 5.
const npsValues = list([
  [10, 8],
  [9, 6],
  [8, 4],
  [7, 2],
  [3, 3],
  [0, 1],
]);
const happyValues = list([
  [5, 10],
  [4, 10],
  [3, 4],
]);
const handWorked = repeat(24, (i) => ({
  answers: {
    usage: i < 12 ? "home" : i < 15 ? "work" : "other",
    tools: i < 21 ? ["vim"] : ["emacs"],
    score: npsValues[i]!,
    happy: happyValues[i]!,
    ...(i < 20 && { machines: i + 1 }),
    agree: { docs: i < 2 ? "no" : "yes", ...(i < 20 && { speed: i % 2 ? "no" : "yes" }) },
    order: i < 21 ? ["a", "b"] : ["b", "a"],
  },
  texts: { ...(i >= 15 && { usage: `other ${i}` }), ...(i < 3 && { comment: `comment ${i}` }) },
}));

describe.each(dialects)("computeResults on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(dialect);
    await seedSurvey(t.db, resultsSurvey("hand"), handWorked);
    await seedSurvey(t.db, resultsSurvey("few"), handWorked.slice(0, 4));
  });
  afterAll(() => t.drop());

  it("counts every type and hides small groups, and the cells they could be worked out from", async () => {
    const r = await computeResults(t.db, { definition: resultsSurvey("hand") });
    expect(r).toMatchObject({ responses: 24, tooFew: false, k: 5 });
    const [usage, tools, score, happy, machines, agree, order, comment] = r.questions;
    // 12 + 3 + 9 = 24: the hidden 3 would be 24 − 12 − 9, so 9 goes too.
    expect(usage).toMatchObject({
      answered: 24,
      options: [
        { id: "home", count: 12 },
        { id: "work", count: null },
        { id: "other", label: "Other", count: null },
      ],
    });
    // A multiple choice adds up to nothing: only the small count itself is hidden.
    expect(tools).toMatchObject({ answered: 24, options: [{ count: 21 }, { count: null }, { count: 0 }] });
    // 0:1 3:3 7:2 8:4 hidden; detractors (4) hidden, so passives (6) too, and with them the score and the mean.
    expect(score).toMatchObject({
      answered: 24,
      promoters: 14,
      passives: null,
      detractors: null,
      score: null,
      mean: null,
      median: 9,
    });
    expect(score?.type === "nps" && score.distribution.map((d) => d.count)).toEqual([
      null,
      0,
      0,
      null,
      0,
      0,
      0,
      null,
      null,
      6,
      8,
    ]);
    // 3 is hidden (4 answers): 24 − 10 − 10 would give it away, so the smallest other count
    // goes too, a zero: the hidden two add up to 4 in one of five ways.
    expect(happy).toMatchObject({ answered: 24, mean: null, median: 4 });
    expect(happy?.type === "rating" && happy.distribution.map((d) => d.count)).toEqual([null, 0, null, 10, 10]);
    expect(machines).toMatchObject({ answered: 20, mean: 10.5, median: 10.5 });
    // Bins of 5 from 0: the end bins (1–4 and 20) are too small, and merged inwards, open-ended.
    expect(machines?.type === "number" && machines.distribution.map((d) => [d.label, d.count])).toEqual([
      ["under 10", 9],
      ["10–14", 5],
      ["15 or more", 6],
    ]);
    expect(agree).toMatchObject({
      answered: 24,
      rows: [
        { id: "docs", count: 24, counts: [null, null] },
        { id: "speed", count: 20, counts: [10, 10] },
      ],
    });
    // 21/3 and 3/21: each row and column has a 3, so all four cells go, and the mean places with them.
    expect(order).toMatchObject({
      answered: 24,
      options: [
        { byPosition: [null, null], meanPosition: null },
        { byPosition: [null, null], meanPosition: null },
      ],
    });
    // Three comments: fewer than five, hidden.
    expect(comment).toMatchObject({ type: "long_text", answered: null });
    expect(r.questions.every((q) => q.texts === undefined)).toBe(true);
  });

  it("gives admins the free texts, other texts under their question", async () => {
    const r = await computeResults(t.db, { definition: resultsSurvey("hand"), forAdmin: true });
    const usage = r.questions.find((q) => q.id === "usage")!;
    expect(usage.texts).toHaveLength(9);
    expect(r.questions.find((q) => q.id === "comment")!.texts!.sort()).toEqual(["comment 0", "comment 1", "comment 2"]);
  });

  it("shows nothing but the fact when the survey has fewer than k answers", async () => {
    const r = await computeResults(t.db, { definition: resultsSurvey("few"), forAdmin: true });
    expect(r).toMatchObject({ responses: null, tooFew: true, questions: [] });
  });
});

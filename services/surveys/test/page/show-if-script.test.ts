import type { AnswerValue, ShowIf } from "@agora/schemas";
import { describe, expect, it } from "vitest";
import { isShown } from "../../src/answers/index.ts";
import { showIfScript } from "../../src/page/survey-form-script.ts";

// The browser's copy of the rules, evaluated as the browser would (plain JavaScript, no types).
const browserIsShown = new Function(`${showIfScript}; return isShown;`)() as (
  c: ShowIf | undefined,
  a: Map<string, AnswerValue>,
) => boolean;

const answers = new Map<string, AnswerValue>([
  ["usage", "cloud"],
  ["versions", ["v9", "v10"]],
  ["satisfaction", 4],
  ["support", { docs: "good", forum: "poor" }],
  ["ranked", ["b", "a"]],
  ["comment", "text"],
]);

const conditions: ShowIf[] = [
  { question: "usage", equals: "cloud" },
  { question: "usage", equals: "servers" },
  { question: "versions", equals: "v9" },
  { question: "versions", any_of: ["v8", "kitten"] },
  { question: "versions", any_of: ["v8", "v10"] },
  { question: "satisfaction", equals: 4 },
  { question: "satisfaction", at_least: 4 },
  { question: "satisfaction", at_least: 5 },
  { question: "satisfaction", at_most: 3 },
  { question: "satisfaction", at_least: 2, at_most: 4 },
  { question: "usage", at_least: 1 },
  { question: "support", equals: "good" },
  { question: "support", any_of: ["fair"] },
  { question: "ranked", equals: "a" },
  { question: "comment", answered: true },
  { question: "missing", answered: false },
  { question: "missing", answered: true },
  { question: "missing", equals: "x" },
  { question: "missing", at_most: 10 },
  {
    all: [
      { question: "usage", equals: "cloud" },
      { question: "satisfaction", at_least: 3 },
    ],
  },
  {
    all: [
      { question: "usage", equals: "cloud" },
      { question: "satisfaction", at_least: 5 },
    ],
  },
  {
    any: [
      { question: "missing", answered: true },
      { question: "versions", equals: "v10" },
    ],
  },
  { not: { question: "usage", equals: "cloud" } },
  { not: { any: [{ question: "missing", answered: true }, { all: [{ question: "comment", answered: true }] }] } },
];

describe("the show-if rules served to the browser", () => {
  it.each(conditions.map((c) => [JSON.stringify(c), c] as const))("agree with isShown on %s", (_, condition) => {
    expect(browserIsShown(condition, answers)).toBe(isShown(condition, answers));
  });

  it("show an unconditioned question and cover both outcomes above", () => {
    expect(browserIsShown(undefined, answers)).toBe(true);
    const outcomes = new Set(conditions.map((c) => isShown(c, answers)));
    expect(outcomes).toEqual(new Set([true, false]));
  });
});

import { describe, expect, it } from "vitest";
import { metrics } from "../../src/classifier/evaluate.ts";

describe("evaluation metrics on a hand-checked example", () => {
  // truth → ranked guesses (confidence)
  // 1 a → a b c (0.9)  right, covered
  // 2 a → b a c (0.7)  wrong, covered, in top 3
  // 3 b → b a c (0.5)  right, not covered
  // 4 c → a b d (0.8)  wrong, covered, not in top 3
  const scored = [
    { truth: "a", ranked: ["a", "b", "c"], confidence: 0.9 },
    { truth: "a", ranked: ["b", "a", "c"], confidence: 0.7 },
    { truth: "b", ranked: ["b", "a", "c"], confidence: 0.5 },
    { truth: "c", ranked: ["a", "b", "d"], confidence: 0.8 },
  ];

  it("computes accuracy, macro-F1, top-3, coverage and precision", () => {
    const m = metrics(scored, 0.6);
    expect(m.accuracy).toBe(0.5);
    expect(m.top3Accuracy).toBe(0.75);
    // a: tp 1, fp 1 (bug 4), fn 1 (bug 2) → F1 = 2/4 = 0.5
    // b: tp 1, fp 1 (bug 2), fn 0        → F1 = 2/3
    // c: tp 0, fn 1                      → F1 = 0
    expect(m.macroF1).toBeCloseTo((0.5 + 2 / 3 + 0) / 3, 10);
    expect(m.coverage).toBe(0.75);
    expect(m.precisionAtThreshold).toBeCloseTo(1 / 3, 10);
  });

  it("reports no precision when nothing reaches the threshold", () => {
    const m = metrics(scored, 0.95);
    expect(m.coverage).toBe(0);
    expect(m.precisionAtThreshold).toBeNull();
  });
});

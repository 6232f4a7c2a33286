import { describe, expect, it } from "vitest";
import {
  fitConfidenceMap,
  fitTemperature,
  mapConfidenceInPlace,
  reliability,
  thresholdForPrecision,
  thresholdsBySig,
  type Judged,
} from "../../src/classifier/calibration.ts";
import { softmaxInPlace } from "../../src/classifier/scores.ts";
import { mulberry32 } from "../../src/classifier/sgd.ts";

/** Scores whose softmax at `temperature` is the true distribution the label is drawn from. */
function sampled(count: number, temperature: number, seed: number) {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const scores = Float64Array.from({ length: 4 }, () => random() * 4);
    const p = Float64Array.from(scores);
    softmaxInPlace(p, temperature);
    let u = random();
    let truth = 0;
    while (truth < 3 && u > p[truth]!) u -= p[truth++]!;
    return { scores, truth };
  });
}

describe("temperature scaling", () => {
  it("finds the temperature the labels were drawn at", () => {
    for (const t of [0.3, 1, 2.5]) expect(fitTemperature(sampled(4000, t, 7))).toBeCloseTo(t, 0);
  });

  it("is 1 with nothing held out", () => {
    expect(fitTemperature([])).toBe(1);
  });
});

describe("the map of the top probability", () => {
  // Confidences whose logit, times 0.5 and plus 0.3, gives the chance of being right.
  const random = mulberry32(5);
  const judged: Judged[] = Array.from({ length: 6000 }, () => {
    const confidence = 0.1 + 0.89 * random();
    const logit = Math.log(confidence / (1 - confidence));
    return { predicted: "a", confidence, right: random() < 1 / (1 + Math.exp(-(0.5 * logit + 0.3))) };
  });

  it("finds the slope and intercept the outcomes were drawn at", () => {
    const map = fitConfidenceMap(judged)!;
    // Within sampling error of 6,000 draws.
    expect(Math.abs(map.slope - 0.5)).toBeLessThan(0.05);
    expect(Math.abs(map.intercept - 0.3)).toBeLessThan(0.1);
    expect(fitConfidenceMap([])).toBeUndefined();
  });

  it("moves the top probability, shares the rest out and keeps the order", () => {
    const p = Float64Array.from([0.05, 0.9, 0.05]);
    mapConfidenceInPlace(p, { slope: 0.5, intercept: 0 });
    expect(p[1]).toBeCloseTo(0.75);
    expect(p[0]).toBeCloseTo(0.125);
    expect(p.reduce((a, b) => a + b)).toBeCloseTo(1);
    // Pulled down below the second, the top stays the top.
    const close = Float64Array.from([0.3, 0.32, 0.28, 0.1]);
    mapConfidenceInPlace(close, { slope: 1, intercept: -3 });
    expect(close[1]).toBeGreaterThan(close[0]!);
    expect(close.reduce((a, b) => a + b)).toBeCloseTo(1);
  });
});

describe("the reliability table", () => {
  it("bins by confidence and weighs the gaps by count", () => {
    const judged: Judged[] = [
      { predicted: "a", confidence: 0.95, right: true },
      { predicted: "a", confidence: 0.95, right: false },
      { predicted: "b", confidence: 0.15, right: false },
      { predicted: "b", confidence: 0.15, right: false },
    ];
    const { bins, expectedCalibrationError } = reliability(judged);
    expect(bins).toHaveLength(10);
    expect(bins[9]).toMatchObject({ count: 2, accuracy: 0.5 });
    expect(bins[9]!.meanConfidence).toBeCloseTo(0.95);
    expect(bins[1]).toMatchObject({ count: 2, accuracy: 0 });
    expect(bins[5]).toMatchObject({ count: 0, accuracy: null });
    // (2 · |0.5 − 0.95| + 2 · |0 − 0.15|) / 4
    expect(expectedCalibrationError).toBeCloseTo(0.3);
  });

  it("puts a confidence of exactly 1 in the last bin", () => {
    expect(reliability([{ predicted: "a", confidence: 1, right: true }]).bins[9]!.count).toBe(1);
  });
});

describe("the threshold for a target precision", () => {
  // Right above 0.7, wrong below: the precision of "at least t" reaches 0.9 from about 0.7 up.
  const judged: Judged[] = Array.from({ length: 100 }, (_, i) => ({
    predicted: i % 2 ? "a" : "b",
    confidence: i / 100,
    right: i >= 70 || i % 10 === 0,
  }));

  it("is the lowest threshold whose bugs above it reach the precision", () => {
    const t = thresholdForPrecision(judged, 0.9);
    const above = judged.filter((j) => j.confidence >= t);
    expect(above.filter((j) => j.right).length / above.length).toBeGreaterThanOrEqual(0.9);
    const lower = judged.filter((j) => j.confidence >= t - 0.01);
    expect(lower.filter((j) => j.right).length / lower.length).toBeLessThan(0.9);
  });

  it("is 1 (never act alone) when no threshold reaches it with enough bugs", () => {
    expect(
      thresholdForPrecision(
        judged.map((j) => ({ ...j, right: false })),
        0.5,
      ),
    ).toBe(1);
    expect(thresholdForPrecision(judged.slice(95), 0.9, 10)).toBe(1);
  });

  it("per SIG only where the SIG has enough held-out bugs", () => {
    const bySig = thresholdsBySig([...judged, { predicted: "rare", confidence: 0.99, right: true }], 0.9);
    expect(Object.keys(bySig)).toEqual(["a", "b"]);
  });
});

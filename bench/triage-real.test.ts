import { describe, expect, it } from "vitest";
import { pairedBootstrap, seededRandom } from "./bootstrap.ts";
import { idHash, routingTasks, splitById, type RealBug } from "./real-bugs.ts";

const bug = (id: number, product: string, component = "General"): RealBug => ({
  id,
  title: `bug ${id}`,
  description: "",
  product,
  component,
});

describe("the split by bug id", () => {
  const bugs = Array.from({ length: 2000 }, (_, i) => bug(500_000 + i * 7, "Core"));

  it("puts each bug on the same side whatever the order of the file", () => {
    const forward = splitById(bugs);
    const backward = splitById([...bugs].reverse());
    expect(new Set(backward.test.map((b) => b.id))).toEqual(new Set(forward.test.map((b) => b.id)));
  });

  it("keeps about 80 % for training and loses no bug", () => {
    const { train, test } = splitById(bugs);
    expect(train.length + test.length).toBe(bugs.length);
    expect(train.length / bugs.length).toBeGreaterThan(0.77);
    expect(train.length / bugs.length).toBeLessThan(0.83);
  });

  it("hashes ids apart (FNV-1a of the decimal id)", () => {
    expect(idHash(1)).toBe(0x340ca71c);
    expect(idHash(12)).not.toBe(idHash(21));
  });
});

describe("the routing tasks", () => {
  const bugs = [
    ...Array.from({ length: 15 }, (_, i) => bug(i, "Core", "DOM")),
    ...Array.from({ length: 14 }, (_, i) => bug(100 + i, "Core", "Layout")),
    ...Array.from({ length: 15 }, (_, i) => bug(200 + i, "Firefox", "General")),
    ...Array.from({ length: 5 }, (_, i) => bug(300 + i, "Toolkit", "General")),
  ];
  const [product, component] = routingTasks(bugs);

  it("labels every bug by product", () => {
    expect(product!.bugs).toHaveLength(bugs.length);
    expect(new Set(product!.bugs.map((b) => b.label))).toEqual(new Set(["Core", "Firefox", "Toolkit"]));
  });

  it("keeps the product/component pairs with 15 bugs or more, General of each product apart", () => {
    expect(new Set(component!.bugs.map((b) => b.label))).toEqual(new Set(["Core / DOM", "Firefox / General"]));
    expect(component!.bugs).toHaveLength(30);
  });
});

describe("the paired bootstrap", () => {
  it("gives the same intervals for the same seed", () => {
    const a = Array.from({ length: 50 }, (_, i) => i % 3 !== 0);
    const b = Array.from({ length: 50 }, (_, i) => i % 2 === 0);
    expect(pairedBootstrap(a, b, { resamples: 500, seed: 7 })).toEqual(
      pairedBootstrap(a, b, { resamples: 500, seed: 7 }),
    );
  });

  it("brackets the observed accuracy, and a difference of exactly zero for identical systems", () => {
    const a = Array.from({ length: 200 }, (_, i) => i % 4 !== 0); // 75 % right
    const r = pairedBootstrap(a, a, { resamples: 2000 });
    expect(r.a.low).toBeLessThan(0.75);
    expect(r.a.high).toBeGreaterThan(0.75);
    // The binomial standard error is 3.1 points: a 95 % interval is about ±6.
    expect(r.a.high - r.a.low).toBeGreaterThan(0.09);
    expect(r.a.high - r.a.low).toBeLessThan(0.15);
    expect(r.difference).toEqual({ low: 0, high: 0 });
  });

  it("pairs the items: a constant lead of one system gives a narrow difference", () => {
    // b is right wherever a is, and on 20 more of 200: the difference never changes sign (only the 20
    // items where they disagree move it), while the two accuracies' own intervals overlap.
    const a = Array.from({ length: 200 }, (_, i) => i < 100);
    const b = Array.from({ length: 200 }, (_, i) => i < 120);
    const r = pairedBootstrap(a, b, { resamples: 2000 });
    expect(r.difference.high).toBeLessThan(0);
    expect(r.difference.low).toBeGreaterThan(-0.15);
    expect(r.a.high).toBeGreaterThan(r.b.low);
  });

  it("refuses lists of different lengths", () => {
    expect(() => pairedBootstrap([true], [true, false])).toThrow(/equal/);
  });

  it("draws numbers in [0, 1)", () => {
    const random = seededRandom(3);
    const draws = Array.from({ length: 10_000 }, random);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.reduce((s, v) => s + v, 0) / draws.length).toBeCloseTo(0.5, 1);
  });
});

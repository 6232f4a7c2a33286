import { describe, expect, it } from "vitest";
import { mergeSmallEnds } from "../../src/results/number-axis.ts";
import { binLabel, numberBinEdges } from "../../src/results/number-bins.ts";

const stats = { question: "q", n: 100, mean: 0, median: 0, min: 0, max: 0 };

describe("numberBinEdges", () => {
  it("gives about eight round bins that span the answers", () => {
    expect(numberBinEdges({ min: 1, max: 20, median: 10 }, true)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(numberBinEdges({ min: 0.2, max: 1.1, median: 0.5 }, false)).toEqual([0.2, 0.4, 0.6, 0.8, 1, 1.2]);
    // Whole numbers are binned by at least 1.
    expect(numberBinEdges({ min: 3, max: 5, median: 4 }, true)).toEqual([3, 4, 5, 6]);
    expect(numberBinEdges({ min: 7, max: 7, median: 7 }, true)).toEqual([7, 8]);
  });

  it("gives decades to answers spread over orders of magnitude", () => {
    expect(numberBinEdges({ min: 0, max: 25_000, median: 12 }, true)).toEqual([0, 1, 10, 100, 1000, 10_000, 100_000]);
  });

  it("labels whole bins by their first and last number", () => {
    expect(binLabel(10, 100, true)).toBe("10–99");
    expect(binLabel(4, 5, true)).toBe("4");
    expect(binLabel(0.5, 1, false)).toBe("0.5 to under 1");
  });
});

describe("mergeSmallEnds", () => {
  it("merges end bins of fewer than k inwards, so no bin says that one person is out there", () => {
    const merged = mergeSmallEnds(
      { stats, edges: [0, 1, 10, 100, 1000, 10_000, 100_000], counts: [2, 40, 30, 9, 3, 1] },
      true,
      5,
    );
    expect(merged.counts).toEqual([42, 30, 13]);
    expect(merged.edges).toEqual([0, 10, 100, 100_000]);
    expect(merged.labels).toEqual(["under 10", "10–99", "100 or more"]);
  });

  it("leaves bins alone when the ends hold k or more", () => {
    const merged = mergeSmallEnds({ stats, edges: [0, 5, 10], counts: [5, 7] }, true, 5);
    expect(merged).toMatchObject({ counts: [5, 7], labels: ["0–4", "5–9"] });
  });

  it("ends with one bin for all answers when they are too few to split", () => {
    expect(mergeSmallEnds({ stats, edges: [0, 5, 10, 15], counts: [1, 2, 1] }, true, 5)).toMatchObject({
      counts: [4],
      labels: ["all answers"],
    });
  });
});

import { mulberry32 } from "@agora/triage";

/** Seeded, so that every run resamples the same way: the generator the classifier trains with. */
export const seededRandom = mulberry32;

export type Interval = { low: number; high: number };

function percentileInterval(values: number[], level: number): Interval {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;
  return { low: at((1 - level) / 2), high: at((1 + level) / 2) };
}

/**
 * Percentile bootstrap over test items of the mean of `right` (1 a correct item, 0 a wrong one) for each
 * system, and of the paired difference a − b: each resample draws the same items for both systems, so the
 * interval of the difference reflects only where they disagree.
 */
export function pairedBootstrap(
  a: boolean[],
  b: boolean[],
  { resamples = 10_000, seed = 1, level = 0.95 }: { resamples?: number; seed?: number; level?: number } = {},
): { a: Interval; b: Interval; difference: Interval } {
  const n = a.length;
  if (n === 0 || b.length !== n)
    throw new Error(`paired bootstrap needs two equal, non-empty lists, got ${n} and ${b.length}`);
  const random = seededRandom(seed);
  const meansA: number[] = [];
  const meansB: number[] = [];
  const differences: number[] = [];
  for (let r = 0; r < resamples; r++) {
    let sa = 0;
    let sb = 0;
    for (let i = 0; i < n; i++) {
      const j = Math.floor(random() * n);
      if (a[j]) sa++;
      if (b[j]) sb++;
    }
    meansA.push(sa / n);
    meansB.push(sb / n);
    differences.push((sa - sb) / n);
  }
  return {
    a: percentileInterval(meansA, level),
    b: percentileInterval(meansB, level),
    difference: percentileInterval(differences, level),
  };
}

/**
 * Bin edges for a chart of numbers: each bin holds edges[i] ≤ x < edges[i+1], and the last edge
 * lies above the largest answer. Spread that spans orders of magnitude (machines: 1, 40,
 * 30,000) gets decades, so the many small answers are not all in one bar; other spreads get
 * about eight bins of a round width (1, 2 or 5 times a power of ten), whole for whole numbers.
 */
export function numberBinEdges(stats: { min: number; max: number; median: number }, integer: boolean): number[] {
  const { min, max, median } = stats;
  if (min >= 0 && max >= 1000 && max >= 100 * Math.max(median, 1)) {
    let edge = 1;
    const edges = [0, edge];
    while (edge <= max) edges.push((edge *= 10));
    return edges;
  }
  const span = max - min;
  let width = roundWidth(span / 8);
  if (integer) width = Math.max(1, Math.round(width));
  if (width === 0) width = 1;
  const start = Math.floor(min / width) * width;
  let edge = start;
  const edges = [edge];
  while (edge <= max) edges.push((edge = tidy(edge + width)));
  return edges;
}

function roundWidth(raw: number): number {
  if (raw <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(raw));
  // power ≤ raw < 10 · power, so when 1, 2 and 5 fall short the next decade holds raw.
  const step = [1, 2, 5].find((s) => s * power >= raw) ?? 10;
  return step * power;
}

/** Keeps 0.1 + 0.2 from printing as 0.30000000000000004 in a label. */
const tidy = (n: number) => Number(n.toPrecision(12));

/** "10–99" for whole numbers, "0.5 to under 1" otherwise; one value when a bin holds one. */
export function binLabel(from: number, to: number, integer: boolean): string {
  if (integer) return to - from === 1 ? String(from) : `${from}–${to - 1}`;
  return `${from} to under ${to}`;
}

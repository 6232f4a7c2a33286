// Calibration: a softmax at temperature T over the scores, T fitted on held-out reports by the
// likelihood (Guo et al., "On calibration of modern neural networks", 2017: one parameter, no
// change to the ranking, hard to overfit on a few hundred reports). Then, on the same held-out
// reports, the lowest threshold at which the bot's lone actions reach a target precision.
import { groupBy } from "./group-by.ts";

/** A held-out report's scores and its true label index. */
export type HeldOut = { scores: Float64Array; truth: number };

/**
 * −Σ log p(truth) at `temperature`, as log-sum-exp over each report's scores: no probabilities are
 * built, as the search below asks for it some forty times over every training bug.
 */
function negativeLogLikelihood(heldOut: readonly HeldOut[], temperature: number): number {
  let sum = 0;
  for (const { scores, truth } of heldOut) {
    let max = -Infinity;
    for (let c = 0; c < scores.length; c++) if (scores[c]! > max) max = scores[c]!;
    let total = 0;
    for (let c = 0; c < scores.length; c++) total += Math.exp((scores[c]! - max) / temperature);
    // log p = (s − max) / T − log total, floored as the probability was at 1e-12.
    sum -= Math.max((scores[truth]! - max) / temperature - Math.log(total), LOG_FLOOR);
  }
  return sum;
}

const LOG_FLOOR = Math.log(1e-12);

/** The temperature with the least held-out log loss, by golden-section search over log T in [-6, 4]. */
export function fitTemperature(heldOut: readonly HeldOut[]): number {
  if (heldOut.length === 0) return 1;
  let low = -6;
  let high = 4;
  const ratio = (Math.sqrt(5) - 1) / 2;
  const loss = (logT: number) => negativeLogLikelihood(heldOut, Math.exp(logT));
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let la = loss(a);
  let lb = loss(b);
  for (let i = 0; i < 40; i++) {
    if (la < lb) {
      high = b;
      b = a;
      lb = la;
      a = high - ratio * (high - low);
      la = loss(a);
    } else {
      low = a;
      a = b;
      la = lb;
      b = low + ratio * (high - low);
      lb = loss(b);
    }
  }
  return Number(Math.exp((low + high) / 2).toPrecision(4));
}

/**
 * A second, monotone map of the top SIG's probability: logit p → slope · logit p + intercept (Platt
 * scaling of the confidence). A temperature scales every score alike; it cannot make a balanced SVM's
 * 0.3 less timid and its 0.95 less bold at once, and in cross-validation it did neither (ADR 0006).
 */
export type ConfidenceMap = { slope: number; intercept: number };

const logit = (p: number) => {
  const q = Math.min(Math.max(p, 1e-6), 1 - 1e-6);
  return Math.log(q / (1 - q));
};

/**
 * The top probability mapped, the others scaled to share what is left, in place. The top stays the
 * top: it is kept at or above what the second becomes.
 */
export function mapConfidenceInPlace(p: Float64Array, map: ConfidenceMap): void {
  let top = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[top]!) top = c;
  const old = p[top]!;
  if (old >= 1) return;
  let second = 0;
  for (let c = 0; c < p.length; c++) if (c !== top) second = Math.max(second, p[c]!);
  // At `floor` the second would tie with the top once scaled; a hair above, the order is kept.
  const floor = (second / (1 - old + second)) * (1 + 1e-9);
  const mapped = Math.min(Math.max(1 / (1 + Math.exp(-(map.slope * logit(old) + map.intercept))), floor), 1);
  const rest = (1 - mapped) / (1 - old);
  for (let c = 0; c < p.length; c++) p[c] = c === top ? mapped : p[c]! * rest;
}

/** Slope and intercept by the likelihood of right and wrong (Newton's method); none when it would not be increasing. */
export function fitConfidenceMap(judged: readonly Judged[]): ConfidenceMap | undefined {
  if (judged.length === 0) return undefined;
  const xs = judged.map((j) => logit(j.confidence));
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 50; iteration++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-6;
    let hab = 0;
    let hbb = 1e-6;
    judged.forEach((j, i) => {
      const x = xs[i]!;
      const q = 1 / (1 + Math.exp(-(a * x + b)));
      const r = q - (j.right ? 1 : 0);
      ga += r * x;
      gb += r;
      const w = q * (1 - q);
      haa += w * x * x;
      hab += w * x;
      hbb += w;
    });
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  if (!(a > 0) || !Number.isFinite(b)) return undefined;
  return { slope: Number(a.toPrecision(4)), intercept: Number(b.toPrecision(4)) };
}

/** A bug the model scored: its top label's calibrated probability and whether it was right. */
export type Judged = { predicted: string; confidence: number; right: boolean };

export type ReliabilityBin = {
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  accuracy: number | null;
};

/** Ten equal-width confidence bins and the expected calibration error (the count-weighted gap). */
export function reliability(
  judged: readonly Judged[],
  bins = 10,
): { bins: ReliabilityBin[]; expectedCalibrationError: number } {
  const table = Array.from({ length: bins }, (_, i) => ({
    from: i / bins,
    to: (i + 1) / bins,
    count: 0,
    confidence: 0,
    right: 0,
  }));
  for (const j of judged) {
    const bin = table[Math.min(bins - 1, Math.floor(j.confidence * bins))]!;
    bin.count++;
    bin.confidence += j.confidence;
    if (j.right) bin.right++;
  }
  let gap = 0;
  for (const bin of table) if (bin.count > 0) gap += Math.abs(bin.right - bin.confidence);
  return {
    bins: table.map((b) => ({
      from: b.from,
      to: b.to,
      count: b.count,
      meanConfidence: b.count ? b.confidence / b.count : 0,
      accuracy: b.count ? b.right / b.count : null,
    })),
    expectedCalibrationError: judged.length ? gap / judged.length : 0,
  };
}

/**
 * The lowest confidence threshold whose bugs at or above it are right at least `target` of the
 * time, among thresholds that leave at least `minCount` bugs (fewer says nothing); 1 (never act
 * alone) when none does.
 */
export function thresholdForPrecision(judged: readonly Judged[], target: number, minCount = 10): number {
  const sorted = [...judged].sort((a, b) => b.confidence - a.confidence);
  let right = 0;
  let best = 1;
  sorted.forEach((j, i) => {
    if (j.right) right++;
    const next = sorted[i + 1];
    // A threshold sits between distinct confidences: ties are all in or all out.
    if (next && next.confidence === j.confidence) return;
    if (i + 1 >= minCount && right / (i + 1) >= target) best = j.confidence;
  });
  return Number(best.toFixed(4));
}

/** Per predicted SIG where its held-out bugs suffice; the others use the global threshold. */
export function thresholdsBySig(judged: readonly Judged[], target: number, minCount = 10): Record<string, number> {
  const bySig = groupBy(judged, (j) => j.predicted);
  const out: Record<string, number> = {};
  for (const [sig, list] of [...bySig].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (list.length >= minCount) out[sig] = thresholdForPrecision(list, target, minCount);
  }
  return out;
}

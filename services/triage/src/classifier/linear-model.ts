import { extractRaw, termWord, weigh, type FeatureSettings, type FeatureVector, type Report } from "./features.ts";
import { mapConfidenceInPlace, type ConfidenceMap } from "./calibration.ts";
import { softmaxInPlace } from "./scores.ts";
import type { Vocabulary } from "./vocabulary.ts";

// Every learner (linear SVM, softmax regression, naive Bayes) ends as the same thing: a score per SIG
// that is a bias plus a weighted sum of TF-IDF features, turned into probabilities by a softmax at
// a temperature fitted on held-out reports. One type, one scorer, one file format (model-file.ts).

export const METHODS = ["linear-svm", "softmax", "naive-bayes"] as const;
export type Method = (typeof METHODS)[number];

/** Acting thresholds picked on held-out reports for a target precision (calibration.ts). */
export type Thresholds = { targetPrecision: number; global: number; bySig: Record<string, number> };

export type LinearModel = {
  method: Method;
  labels: string[];
  features: FeatureSettings;
  /** Every bucket seen in training, with its row and idf; others are dropped from a report's vector. */
  vocabulary: Vocabulary;
  bias: Float32Array;
  /** Sparse weights by vocabulary row: row r's are entries `rowStart[r]` to `rowStart[r + 1]`. */
  weights: SparseWeights;
  /** Scores are divided by it before the softmax, so that "0.8" is right about 80 % of the time. */
  temperature: number;
  /** Then the top SIG's probability mapped (calibration.ts); files from before it have none. */
  confidence?: ConfidenceMap | undefined;
  thresholds?: Thresholds | undefined;
};

/**
 * A one-vs-rest SVM gives nearly every feature a small weight for every SIG it never appeared in;
 * below `PRUNED` those change no decision (5-fold cross-validation on real reports, ADR 0006) and
 * were 80 % of the file. Kept sparse, a model is a quarter of the size and a bug's scores add a
 * third of the products.
 */
export type SparseWeights = { rowStart: Int32Array; label: Uint16Array; value: Float32Array };
export const PRUNED = 3e-3;

/** Packs dense (rows × k) weights, dropping those below `PRUNED`. */
export function sparseWeights(dense: Float32Array, k: number, rows: number): SparseWeights {
  const rowStart = new Int32Array(rows + 1);
  let kept = 0;
  for (let i = 0; i < rows * k; i++) if (Math.abs(dense[i]!) >= PRUNED) kept++;
  const label = new Uint16Array(kept);
  const value = new Float32Array(kept);
  let at = 0;
  for (let r = 0; r < rows; r++) {
    rowStart[r] = at;
    for (let c = 0; c < k; c++) {
      const w = dense[r * k + c]!;
      if (Math.abs(w) < PRUNED) continue;
      label[at] = c;
      value[at++] = w;
    }
  }
  rowStart[rows] = at;
  return { rowStart, label, value };
}

export type Suggestion = { sig: string; probability: number };
/** A word or bigram of the report and how far it pushed the SIG it is listed under. */
export type Reason = { word: string; weight: number };
/** The likeliest SIGs; `reasons` explain the first one. */
export type Prediction = { top: Suggestion[]; reasons: Reason[] };

export function vectorize(model: LinearModel, report: Report): FeatureVector {
  return weigh(extractRaw(report, model.features), model.vocabulary, model.features);
}

export function scores(model: LinearModel, x: FeatureVector): Float64Array {
  const out = Float64Array.from(model.bias);
  const { rowStart, label, value } = model.weights;
  for (let i = 0; i < x.rows.length; i++) {
    const r = x.rows[i]!;
    const v = x.value[i]!;
    for (let j = rowStart[r]!, end = rowStart[r + 1]!; j < end; j++) out[label[j]!]! += v * value[j]!;
  }
  return out;
}

/** Calibrated probabilities of every SIG, in `model.labels` order. */
export function probabilities(model: LinearModel, x: FeatureVector): Float64Array {
  const p = scores(model, x);
  softmaxInPlace(p, model.temperature);
  if (model.confidence) mapConfidenceInPlace(p, model.confidence);
  return p;
}

/** The k likeliest SIGs, and the words that pushed the first one above the others. */
export function predict(model: LinearModel, report: Report, k = 3, reasonCount = 5): Prediction {
  const x = vectorize(model, report);
  const p = probabilities(model, x);
  const order = [...p.keys()].sort((a, b) => p[b]! - p[a]!);
  const top = order.slice(0, k).map((c) => ({ sig: model.labels[c]!, probability: p[c]! }));
  return { top, reasons: reasonCount > 0 ? reasonsFor(model, x, order[0]!, p, reasonCount) : [] };
}

/**
 * The words that pushed `label` up: each term's weight for it minus the probability-weighted weight
 * for all SIGs (a word every SIG shares explains nothing), summed per word across its n-grams.
 */
export function reasonsFor(
  model: LinearModel,
  x: FeatureVector,
  label: number,
  p: Float64Array,
  count: number,
): Reason[] {
  const byWord = new Map<string, number>();
  const w = model.weights;
  for (let i = 0; i < x.rows.length; i++) {
    const r = x.rows[i]!;
    const start = w.rowStart[r]!;
    const end = w.rowStart[r + 1]!;
    if (start === end) continue;
    let expected = 0;
    let own = 0;
    for (let j = start; j < end; j++) {
      expected += p[w.label[j]!]! * w.value[j]!;
      if (w.label[j] === label) own = w.value[j]!;
    }
    const push = x.value[i]! * (own - expected);
    const word = termWord(x, i);
    byWord.set(word, (byWord.get(word) ?? 0) + push);
  }
  return [...byWord]
    .filter(([, w]) => w > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([word, weight]) => ({ word, weight: Number(weight.toPrecision(3)) }));
}

/** The threshold at which the bot acts alone on a bug it would route to `sig`. */
export function thresholdFor(model: LinearModel, sig: string, fallback: number): number {
  return model.thresholds?.bySig[sig] ?? model.thresholds?.global ?? fallback;
}

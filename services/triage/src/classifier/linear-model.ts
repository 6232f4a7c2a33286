import { extractRaw, termWord, weigh, type FeatureSettings, type FeatureVector, type Report } from "./features.ts";
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
  /** Row → offset of its `labels.length` weights in `weights`; -1 for a row whose weights are all ~0. */
  weightAt: Int32Array;
  weights: Float32Array;
  /** Scores are divided by it before the softmax, so that "0.8" is right about 80 % of the time. */
  temperature: number;
  thresholds?: Thresholds | undefined;
};

export type Suggestion = { sig: string; probability: number };
/** A word or bigram of the report and how far it pushed the SIG it is listed under. */
export type Reason = { word: string; weight: number };
/** The likeliest SIGs; `reasons` explain the first one. */
export type Prediction = { top: Suggestion[]; reasons: Reason[] };

export function vectorize(model: LinearModel, report: Report): FeatureVector {
  return weigh(extractRaw(report, model.features), model.vocabulary, model.features);
}

export function scores(model: LinearModel, x: FeatureVector): Float64Array {
  const k = model.labels.length;
  const out = Float64Array.from(model.bias);
  for (let i = 0; i < x.rows.length; i++) {
    const row = model.weightAt[x.rows[i]!]!;
    if (row < 0) continue;
    const v = x.value[i]!;
    for (let c = 0; c < k; c++) out[c]! += v * model.weights[row + c]!;
  }
  return out;
}

/** Calibrated probabilities of every SIG, in `model.labels` order. */
export function probabilities(model: LinearModel, x: FeatureVector): Float64Array {
  const p = scores(model, x);
  softmaxInPlace(p, model.temperature);
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
export function reasonsFor(model: LinearModel, x: FeatureVector, label: number, p: Float64Array, count: number): Reason[] {
  const k = model.labels.length;
  const byWord = new Map<string, number>();
  for (let i = 0; i < x.rows.length; i++) {
    const row = model.weightAt[x.rows[i]!]!;
    if (row < 0) continue;
    let expected = 0;
    for (let c = 0; c < k; c++) expected += p[c]! * model.weights[row + c]!;
    const push = x.value[i]! * (model.weights[row + label]! - expected);
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

import { z } from "zod";
import { extractFeatures, type FeatureSettings, type FeatureVector } from "./features.ts";

// Both learned methods (softmax regression and naive Bayes) end as the same thing: a score per SIG
// that is a bias plus a weighted sum of hashed features. One type, one scorer, one file format.

export type LinearModel = {
  method: "softmax" | "naive-bayes" | "linear-svm";
  labels: string[];
  features: FeatureSettings;
  bias: Float32Array;
  /** bucket → offset of its `labels.length` weights in `weights`; buckets never seen are absent. */
  rows: Map<number, number>;
  weights: Float32Array;
  /** Weight of an absent bucket per label (naive Bayes smoothing); zeros for softmax. */
  unseen: Float32Array;
};

export type Suggestion = { sig: string; probability: number };
export type Reason = { word: string; weight: number };
export type Prediction = { top: Suggestion[]; reasons: Reason[] };

export function scores(model: LinearModel, x: FeatureVector): Float32Array {
  const k = model.labels.length;
  const out = Float32Array.from(model.bias);
  for (let i = 0; i < x.index.length; i++) {
    const row = model.rows.get(x.index[i]!);
    const v = x.value[i]!;
    if (row === undefined) for (let c = 0; c < k; c++) out[c]! += v * model.unseen[c]!;
    else for (let c = 0; c < k; c++) out[c]! += v * model.weights[row + c]!;
  }
  return out;
}

export function softmax(s: Float32Array): Float64Array {
  let max = -Infinity;
  for (const v of s) max = Math.max(max, v);
  const p = new Float64Array(s.length);
  let sum = 0;
  for (let c = 0; c < s.length; c++) sum += p[c] = Math.exp(s[c]! - max);
  for (let c = 0; c < s.length; c++) p[c]! /= sum;
  return p;
}

/** The k likeliest SIGs, and the words that pushed the first one above the others. */
export function predict(model: LinearModel, text: string, k = 3, reasonCount = 5): Prediction {
  const x = extractFeatures(text, model.features);
  const p = softmax(scores(model, x));
  const order = [...p.keys()].sort((a, b) => p[b]! - p[a]!);
  const top = order.slice(0, k).map((c) => ({ sig: model.labels[c]!, probability: p[c]! }));
  return { top, reasons: reasonsFor(model, x, order[0]!, p, reasonCount) };
}

/** Label index only: the benchmark's hot path, without sorting or reasons. */
export function predictIndex(model: LinearModel, x: FeatureVector): number {
  const s = scores(model, x);
  let best = 0;
  for (let c = 1; c < s.length; c++) if (s[c]! > s[best]!) best = c;
  return best;
}

function reasonsFor(model: LinearModel, x: FeatureVector, top: number, p: Float64Array, count: number): Reason[] {
  const k = model.labels.length;
  const byWord = new Map<string, number>();
  for (let i = 0; i < x.index.length; i++) {
    const row = model.rows.get(x.index[i]!);
    if (row === undefined) continue;
    // Weight for the top SIG minus the expected weight: a word every SIG shares explains nothing.
    let expected = 0;
    for (let c = 0; c < k; c++) expected += p[c]! * model.weights[row + c]!;
    const push = x.value[i]! * (model.weights[row + top]! - expected);
    const word = x.words[i]!;
    byWord.set(word, (byWord.get(word) ?? 0) + push);
  }
  return [...byWord]
    .filter(([, w]) => w > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([word, weight]) => ({ word, weight: Number(weight.toPrecision(3)) }));
}

const ModelFile = z.object({
  format: z.literal("agora-triage-linear/1"),
  method: z.enum(["softmax", "naive-bayes", "linear-svm"]),
  labels: z.array(z.string()).min(1),
  features: z.object({ bits: z.int().min(8).max(26), charMin: z.int().min(1), charMax: z.int().min(1) }),
  bias: z.array(z.number()),
  unseen: z.array(z.number()),
  /** Sparse rows: `buckets[i]`'s weights are `weights[i*K .. i*K+K)`. */
  buckets: z.array(z.int()),
  weights: z.array(z.number()),
});
export type ModelFile = z.infer<typeof ModelFile>;

// Five significant digits: the file shrinks by half and no prediction changes (tested).
const round = (v: number) => Number(v.toPrecision(5));

export function serializeModel(model: LinearModel): string {
  const k = model.labels.length;
  const buckets = [...model.rows.keys()].sort((a, b) => a - b);
  const weights: number[] = [];
  for (const b of buckets) {
    const row = model.rows.get(b)!;
    for (let c = 0; c < k; c++) weights.push(round(model.weights[row + c]!));
  }
  const file: ModelFile = {
    format: "agora-triage-linear/1",
    method: model.method,
    labels: model.labels,
    features: model.features,
    bias: [...model.bias].map(round),
    unseen: [...model.unseen].map(round),
    buckets,
    weights,
  };
  return JSON.stringify(file);
}

export function parseModel(json: string): LinearModel {
  const file = ModelFile.parse(JSON.parse(json));
  const k = file.labels.length;
  if (file.weights.length !== file.buckets.length * k || file.bias.length !== k || file.unseen.length !== k) {
    throw new Error("model file: weights, bias or unseen do not match the number of labels");
  }
  const rows = new Map<number, number>();
  file.buckets.forEach((b, i) => rows.set(b, i * k));
  return {
    method: file.method,
    labels: file.labels,
    features: file.features,
    bias: Float32Array.from(file.bias),
    unseen: Float32Array.from(file.unseen),
    rows,
    weights: Float32Array.from(file.weights),
  };
}

/** Packs dense training weights into sparse rows, dropping buckets whose weights are all near zero. */
export function packRows(dense: Float32Array, k: number, minWeight: number): { rows: Map<number, number>; weights: Float32Array } {
  const kept: number[] = [];
  for (let b = 0; b * k < dense.length; b++) {
    for (let c = 0; c < k; c++) {
      if (Math.abs(dense[b * k + c]!) >= minWeight) {
        kept.push(b);
        break;
      }
    }
  }
  const rows = new Map<number, number>();
  const weights = new Float32Array(kept.length * k);
  kept.forEach((b, i) => {
    rows.set(b, i * k);
    weights.set(dense.subarray(b * k, b * k + k), i * k);
  });
  return { rows, weights };
}

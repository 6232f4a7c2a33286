import type { FeatureSettings, FeatureVector } from "./features.ts";
import type { LinearModel } from "./linear-model.ts";

/** Multinomial naive Bayes over the same hashed features (weighted counts), Laplace-style smoothing `alpha`. */
export function trainNaiveBayes(
  data: { x: FeatureVector; y: number }[],
  labels: string[],
  features: FeatureSettings,
  alpha = 0.1,
): LinearModel {
  const k = labels.length;
  const buckets = 1 << features.bits;
  const counts = new Map<number, Float64Array>();
  const totals = new Float64Array(k);
  const docs = new Float64Array(k);
  for (const { x, y } of data) {
    docs[y]! += 1;
    for (let i = 0; i < x.index.length; i++) {
      let row = counts.get(x.index[i]!);
      if (!row) counts.set(x.index[i]!, (row = new Float64Array(k)));
      row[y]! += x.value[i]!;
      totals[y]! += x.value[i]!;
    }
  }
  const denominator = totals.map((t) => Math.log(t + alpha * buckets));
  const unseen = Float32Array.from(denominator, (d) => Math.log(alpha) - d);
  const rows = new Map<number, number>();
  const weights = new Float32Array(counts.size * k);
  let offset = 0;
  for (const [bucket, row] of counts) {
    rows.set(bucket, offset);
    for (let c = 0; c < k; c++) weights[offset + c] = Math.log(row[c]! + alpha) - denominator[c]!;
    offset += k;
  }
  const bias = Float32Array.from(docs, (d) => Math.log((d + 1) / (data.length + k)));
  return { method: "naive-bayes", labels, features, bias, rows, weights, unseen };
}

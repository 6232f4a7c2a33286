import type { DenseWeights } from "./softmax-regression.ts";
import type { FeatureVector } from "./features.ts";

/**
 * Complement naive Bayes (Rennie et al., 2003) over the TF-IDF features: a class's weights come from
 * the counts of every OTHER class, which is what keeps a large class from winning every report, the
 * bias multinomial naive Bayes has on skewed trackers. Weights are normalised per class, as the paper does.
 */
export function fitNaiveBayes(
  docs: readonly FeatureVector[],
  y: Int32Array,
  k: number,
  rows: number,
  alpha = 0.3,
): DenseWeights {
  const counts = new Float64Array(rows * k);
  const classTotals = new Float64Array(k);
  const rowTotals = new Float64Array(rows);
  docs.forEach((d, n) => {
    const c = y[n]!;
    for (let i = 0; i < d.rows.length; i++) {
      counts[d.rows[i]! * k + c]! += d.value[i]!;
      classTotals[c]! += d.value[i]!;
      rowTotals[d.rows[i]!]! += d.value[i]!;
    }
  });
  const total = classTotals.reduce((a, b) => a + b, 0);
  const w = new Float32Array(rows * k);
  const norms = new Float64Array(k);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < k; c++) {
      const complement = rowTotals[r]! - counts[r * k + c]!;
      const logP = Math.log((complement + alpha) / (total - classTotals[c]! + alpha * rows));
      w[r * k + c] = -logP;
      norms[c]! += Math.abs(logP);
    }
  }
  for (let r = 0; r < rows; r++) for (let c = 0; c < k; c++) w[r * k + c]! /= norms[c]! / rows;
  return { w, bias: new Float32Array(k), k };
}

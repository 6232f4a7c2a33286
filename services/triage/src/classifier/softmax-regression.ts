import type { FeatureVector } from "./features.ts";
import { softmaxInPlace } from "./scores.ts";
import { adaGradStep, forEachShuffledEpoch } from "./sgd.ts";

export type SoftmaxOptions = {
  /** The most passes over the data; model selection may stop sooner (train.ts). */
  epochs: number;
  learningRate: number;
  /** L2 penalty, applied to the weights an example touches (lazy, so a step costs its features only). */
  l2: number;
  seed: number;
};

export const defaultSoftmaxOptions: SoftmaxOptions = { epochs: 12, learningRate: 0.5, l2: 1e-4, seed: 1 };

/** Dense weights over vocabulary rows: row r's weight for class c is `w[r * k + c]`. */
export type DenseWeights = { w: Float32Array; bias: Float32Array; k: number };

/**
 * Multinomial logistic regression by SGD with AdaGrad step sizes. `afterEpoch` sees the weights after
 * each pass and returns false to stop: early stopping on a held-out slice is the caller's.
 */
export function fitSoftmax(
  docs: readonly FeatureVector[],
  y: Int32Array,
  k: number,
  rows: number,
  options: SoftmaxOptions,
  afterEpoch: (epoch: number, weights: DenseWeights) => boolean = () => true,
): DenseWeights {
  const w = new Float32Array(rows * k);
  // Squares start at 1, not at a hair above 0: with 1e-6, the first step moved every weight a
  // report touched by ±learningRate whatever its gradient, and one pass memorised the training set.
  const g2 = new Float32Array(rows * k).fill(1);
  const bias = new Float32Array(k);
  const biasG2 = new Float32Array(k).fill(1);
  const { learningRate: rate, l2 } = options;
  const s = new Float64Array(k);
  forEachShuffledEpoch(
    docs.length,
    options.epochs,
    options.seed,
    (n) => {
      const { rows: r, value } = docs[n]!;
      const truth = y[n]!;
      for (let c = 0; c < k; c++) s[c] = bias[c]!;
      for (let i = 0; i < r.length; i++) {
        const base = r[i]! * k;
        const v = value[i]!;
        for (let c = 0; c < k; c++) s[c]! += v * w[base + c]!;
      }
      softmaxInPlace(s);
      for (let c = 0; c < k; c++) {
        const g = s[c]! - (c === truth ? 1 : 0);
        adaGradStep(bias, biasG2, c, g, rate);
        // A class the report gives no probability moves by less than the float's rounding: skipped,
        // which is most of the classes after the first pass and most of the time saved.
        if (g > -1e-5 && g < 1e-5) continue;
        for (let i = 0; i < r.length; i++) {
          const j = r[i]! * k + c;
          adaGradStep(w, g2, j, g * value[i]! + l2 * w[j]!, rate);
        }
      }
    },
    (epoch) => afterEpoch(epoch, { w, bias, k }),
  );
  return { w, bias, k };
}

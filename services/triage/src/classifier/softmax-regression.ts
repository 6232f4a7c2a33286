import type { FeatureSettings, FeatureVector } from "./features.ts";
import { packRows, softmax, type LinearModel } from "./linear-model.ts";
import { adaGradStep, forEachShuffled, newAdaGradWeights } from "./sgd.ts";

export type SoftmaxOptions = {
  epochs: number;
  learningRate: number;
  /** L2 penalty, applied to the weights an example touches (lazy, so a step costs its features only). */
  l2: number;
  /** Weights below this are dropped from the model file. */
  minWeight: number;
  seed: number;
};

export const defaultSoftmaxOptions: SoftmaxOptions = { epochs: 3, learningRate: 0.1, l2: 1e-5, minWeight: 1e-3, seed: 1 };

/** Multinomial logistic regression by SGD with AdaGrad step sizes, over pre-extracted features. */
export function trainSoftmax(
  data: { x: FeatureVector; y: number }[],
  labels: string[],
  features: FeatureSettings,
  options: SoftmaxOptions = defaultSoftmaxOptions,
): LinearModel {
  const k = labels.length;
  const { w, g2, bias, biasG2 } = newAdaGradWeights(features.bits, k);
  const rate = options.learningRate;
  const s = new Float32Array(k);
  forEachShuffled(data.length, options.epochs, options.seed, (n) => {
    const { x, y } = data[n]!;
    s.set(bias);
    for (let i = 0; i < x.index.length; i++) {
      const base = x.index[i]! * k;
      const v = x.value[i]!;
      for (let c = 0; c < k; c++) s[c]! += v * w[base + c]!;
    }
    const p = softmax(s);
    for (let c = 0; c < k; c++) adaGradStep(bias, biasG2, c, p[c]! - (c === y ? 1 : 0), rate);
    for (let i = 0; i < x.index.length; i++) {
      const base = x.index[i]! * k;
      const v = x.value[i]!;
      for (let c = 0; c < k; c++) {
        const j = base + c;
        adaGradStep(w, g2, j, (p[c]! - (c === y ? 1 : 0)) * v + options.l2 * w[j]!, rate);
      }
    }
  });
  const { rows, weights } = packRows(w, k, options.minWeight);
  return { method: "softmax", labels, features, bias, rows, weights, unseen: new Float32Array(k) };
}

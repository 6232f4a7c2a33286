import type { FeatureSettings, FeatureVector } from "./features.ts";
import { packRows, softmax, type LinearModel } from "./linear-model.ts";

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
  const size = (1 << features.bits) * k;
  const w = new Float32Array(size);
  // AdaGrad: rare features (a package named once) keep large steps, common ones settle.
  const g2 = new Float32Array(size).fill(1e-6);
  const bias = new Float32Array(k);
  const biasG2 = new Float32Array(k).fill(1e-6);
  const order = [...data.keys()];
  const random = mulberry32(options.seed);
  const s = new Float32Array(k);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const n of order) {
      const { x, y } = data[n]!;
      s.set(bias);
      for (let i = 0; i < x.index.length; i++) {
        const base = x.index[i]! * k;
        const v = x.value[i]!;
        for (let c = 0; c < k; c++) s[c]! += v * w[base + c]!;
      }
      const p = softmax(s);
      for (let c = 0; c < k; c++) {
        const g = p[c]! - (c === y ? 1 : 0);
        biasG2[c]! += g * g;
        bias[c]! -= (options.learningRate * g) / Math.sqrt(biasG2[c]!);
      }
      for (let i = 0; i < x.index.length; i++) {
        const base = x.index[i]! * k;
        const v = x.value[i]!;
        for (let c = 0; c < k; c++) {
          const j = base + c;
          const g = (p[c]! - (c === y ? 1 : 0)) * v + options.l2 * w[j]!;
          g2[j]! += g * g;
          w[j]! -= (options.learningRate * g) / Math.sqrt(g2[j]!);
        }
      }
    }
  }
  const { rows, weights } = packRows(w, k, options.minWeight);
  return { method: "softmax", labels, features, bias, rows, weights, unseen: new Float32Array(k) };
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

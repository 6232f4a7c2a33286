import type { FeatureSettings, FeatureVector } from "./features.ts";
import { packRows, type LinearModel } from "./linear-model.ts";
import { mulberry32, type SoftmaxOptions } from "./softmax-regression.ts";

/**
 * One-vs-rest linear SVM (hinge loss, SGD with AdaGrad steps, lazy L2), over the same features.
 * Its margins are not probabilities: `predict` turns them into a softmax, which ranks well but is not
 * calibrated, one reason it lost to softmax regression (docs/adr/0006-bug-classifier.md).
 */
export function trainLinearSvm(
  data: { x: FeatureVector; y: number }[],
  labels: string[],
  features: FeatureSettings,
  options: SoftmaxOptions,
): LinearModel {
  const k = labels.length;
  const size = (1 << features.bits) * k;
  const w = new Float32Array(size);
  const g2 = new Float32Array(size).fill(1e-6);
  const bias = new Float32Array(k);
  const biasG2 = new Float32Array(k).fill(1e-6);
  const order = [...data.keys()];
  const random = mulberry32(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const { x, y } = data[n]!;
      for (let c = 0; c < k; c++) {
        const target = c === y ? 1 : -1;
        let margin = bias[c]!;
        for (let i = 0; i < x.index.length; i++) margin += x.value[i]! * w[x.index[i]! * k + c]!;
        const hinge = target * margin < 1 ? -target : 0;
        biasG2[c]! += hinge * hinge;
        if (hinge !== 0) bias[c]! -= (options.learningRate * hinge) / Math.sqrt(biasG2[c]!);
        for (let i = 0; i < x.index.length; i++) {
          const j = x.index[i]! * k + c;
          const g = hinge * x.value[i]! + options.l2 * w[j]!;
          if (g === 0) continue;
          g2[j]! += g * g;
          w[j]! -= (options.learningRate * g) / Math.sqrt(g2[j]!);
        }
      }
    }
  }
  const { rows, weights } = packRows(w, k, options.minWeight);
  return { method: "linear-svm", labels, features, bias, rows, weights, unseen: new Float32Array(k) };
}

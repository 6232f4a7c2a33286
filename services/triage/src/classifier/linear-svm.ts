import type { FeatureSettings, FeatureVector } from "./features.ts";
import { packRows, type LinearModel } from "./linear-model.ts";
import { adaGradStep, forEachShuffled, newAdaGradWeights } from "./sgd.ts";
import type { SoftmaxOptions } from "./softmax-regression.ts";

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
  const { w, g2, bias, biasG2 } = newAdaGradWeights(features.bits, k);
  const rate = options.learningRate;
  forEachShuffled(data.length, options.epochs, options.seed, (n) => {
    const { x, y } = data[n]!;
    for (let c = 0; c < k; c++) {
      const target = c === y ? 1 : -1;
      let margin = bias[c]!;
      for (let i = 0; i < x.index.length; i++) margin += x.value[i]! * w[x.index[i]! * k + c]!;
      const hinge = target * margin < 1 ? -target : 0;
      if (hinge !== 0) adaGradStep(bias, biasG2, c, hinge, rate);
      for (let i = 0; i < x.index.length; i++) {
        const j = x.index[i]! * k + c;
        const g = hinge * x.value[i]! + options.l2 * w[j]!;
        if (g !== 0) adaGradStep(w, g2, j, g, rate);
      }
    }
  });
  const { rows, weights } = packRows(w, k, options.minWeight);
  return { method: "linear-svm", labels, features, bias, rows, weights, unseen: new Float32Array(k) };
}

import type { FeatureVector } from "./features.ts";
import type { DenseWeights } from "./softmax-regression.ts";
import { mulberry32 } from "./sgd.ts";

export type SvmOptions = {
  /** Inverse regularisation, as LIBLINEAR's and scikit-learn's C; chosen on held-out data by train.ts. */
  c: number;
  /** The most passes; a fit stops sooner when the projected gradients agree within `tolerance`. */
  passes: number;
  tolerance: number;
};

export const defaultSvmOptions: Omit<SvmOptions, "c"> = { passes: 60, tolerance: 0.1 };

/** The bias is learned as the weight of a constant feature, as LIBLINEAR does, so it is regularised too. */
const BIAS_FEATURE = 1;

/**
 * One-vs-rest linear SVM with the squared hinge loss, solved by dual coordinate descent with
 * shrinking (Hsieh et al., "A dual coordinate descent method for large-scale linear SVM", ICML 2008:
 * the method behind LIBLINEAR and scikit-learn's LinearSVC). Exact for its C and deterministic, where
 * SGD's answer depended on its schedule.
 *
 * The solver keeps its dual variables between calls, so a search over increasing C and the final fit
 * on every training bug each start from the last answer (warm start): `include` says which reports
 * take part; one left out has its variables at 0 and so no part in the weights.
 */
export class LinearSvmSolver {
  readonly weights: DenseWeights;
  private readonly alpha: Float32Array;
  private readonly norms: Float64Array;
  private readonly random: () => number;
  private readonly docs: readonly FeatureVector[];
  private readonly y: Int32Array;

  constructor(docs: readonly FeatureVector[], y: Int32Array, k: number, rows: number, seed: number) {
    this.docs = docs;
    this.y = y;
    this.weights = { w: new Float32Array(rows * k), bias: new Float32Array(k), k };
    this.alpha = new Float32Array(docs.length * k);
    this.norms = Float64Array.from(docs, (d) => d.value.reduce((sum, v) => sum + v * v, BIAS_FEATURE * BIAS_FEATURE));
    this.random = mulberry32(seed);
  }

  /** Runs passes at `c` over the included reports until the tolerance is met; returns the passes run. */
  solve(include: readonly number[], { c, passes, tolerance }: SvmOptions): number {
    const { w, bias, k } = this.weights;
    const diagonal = 1 / (2 * c);
    const margin = new Float64Array(k);
    let active = [...include];
    let gradientMaxOld = Infinity;
    for (let pass = 1; pass <= passes; pass++) {
      this.shuffle(active);
      let gradientMax = -Infinity;
      let gradientMin = Infinity;
      const stillActive: number[] = [];
      for (const i of active) {
        const { rows, value } = this.docs[i]!;
        for (let c = 0; c < k; c++) margin[c] = bias[c]! * BIAS_FEATURE;
        for (let f = 0; f < rows.length; f++) {
          const base = rows[f]! * k;
          const v = value[f]!;
          for (let c = 0; c < k; c++) margin[c]! += v * w[base + c]!;
        }
        let shrinkable = true;
        for (let c = 0; c < k; c++) {
          const sign = this.y[i] === c ? 1 : -1;
          const a = this.alpha[i * k + c]!;
          const gradient = sign * margin[c]! - 1 + diagonal * a;
          let projected = gradient;
          if (a === 0) {
            // Far on the right side of the margin and at the bound: left out of the next passes.
            if (gradient > gradientMaxOld) continue;
            projected = Math.min(gradient, 0);
          }
          shrinkable = false;
          gradientMax = Math.max(gradientMax, projected);
          gradientMin = Math.min(gradientMin, projected);
          if (Math.abs(projected) < 1e-12) continue;
          const next = Math.max(a - gradient / (this.norms[i]! + diagonal), 0);
          const step = (next - a) * sign;
          this.alpha[i * k + c] = next;
          bias[c]! += step * BIAS_FEATURE;
          for (let f = 0; f < rows.length; f++) w[rows[f]! * k + c]! += step * value[f]!;
        }
        if (!shrinkable) stillActive.push(i);
      }
      if (gradientMax - gradientMin < tolerance || stillActive.length === 0) {
        // Converged on the active set: done if nothing was left out, else check everything once more.
        if (active.length === include.length && stillActive.length === active.length) return pass;
        active = [...include];
        gradientMaxOld = Infinity;
        continue;
      }
      active = stillActive;
      gradientMaxOld = gradientMax > 0 ? gradientMax : Infinity;
    }
    return passes;
  }

  /** The solver's state, to come back to the best C of a search. */
  save(): { alpha: Float32Array; w: Float32Array; bias: Float32Array } {
    return { alpha: this.alpha.slice(), w: this.weights.w.slice(), bias: this.weights.bias.slice() };
  }

  restore(state: { alpha: Float32Array; w: Float32Array; bias: Float32Array }): void {
    this.alpha.set(state.alpha);
    this.weights.w.set(state.w);
    this.weights.bias.set(state.bias);
  }

  private shuffle(order: number[]): void {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
  }
}

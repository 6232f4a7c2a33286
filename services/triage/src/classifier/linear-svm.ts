import type { FeatureVector } from "./features.ts";
import type { DenseWeights } from "./softmax-regression.ts";
import { mulberry32, shuffleInPlace } from "./sgd.ts";

export type SvmOptions = {
  /** Inverse regularisation, as LIBLINEAR's and scikit-learn's C; chosen on held-out data by train.ts. */
  c: number;
  /** The most passes; a fit stops sooner when the projected gradients agree within `tolerance`. */
  passes: number;
  tolerance: number;
  /**
   * "balanced": in SIG c's one-vs-rest problem its own reports weigh n / (k · n_c), as LIBLINEAR's
   * class weights and scikit-learn's `class_weight="balanced"` do (the others weigh 1). Real trackers
   * are lopsided (Core is 63 % of the Mozilla bugs): unweighted, a small SIG's few reports cost the
   * solver little to get wrong, and its bugs drift to the large one.
   */
  classWeight: ClassWeight;
};

export const CLASS_WEIGHTS = ["balanced", "none"] as const;
export type ClassWeight = (typeof CLASS_WEIGHTS)[number];

// LIBLINEAR stops at a gap of 0.1; on the real-data bench 0.3 gave the same accuracy in 5-fold
// cross-validation (ADR 0006) in half the passes, and 0.5 the same again, with the balanced weights
// that make a small SIG slow to converge, in a quarter less time. Balanced class weights gave +1.3
// points on products and +1.8 on components there.
export const defaultSvmOptions: Omit<SvmOptions, "c"> = { passes: 30, tolerance: 0.5, classWeight: "balanced" };

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
  solve(include: readonly number[], { c, passes, tolerance, classWeight }: SvmOptions): number {
    const { w, bias, k } = this.weights;
    // The squared hinge's dual adds 1 / (2 C) on the diagonal; a SIG's own reports have its weighted C.
    const diagonal = 1 / (2 * c);
    const ownDiagonal = this.ownDiagonals(include, c, classWeight);
    const margin = new Float64Array(k);
    const classes = new Int32Array(k);
    // Shrinking per (report, SIG): a pair at its bound and far on the right side of the margin is
    // left out until the end. A report is nearly always a support vector of its own SIG, so
    // shrinking whole reports saved nothing; per pair, most reports are left with one or two SIGs,
    // whose margins alone are computed.
    const shrunk = new Uint8Array(this.docs.length * k);
    let anyShrunk = false;
    let gradientMaxOld = Infinity;
    const order = [...include];
    for (let pass = 1; pass <= passes; pass++) {
      shuffleInPlace(order, this.random);
      let gradientMax = -Infinity;
      let gradientMin = Infinity;
      for (const i of order) {
        let count = 0;
        for (let c = 0; c < k; c++) if (shrunk[i * k + c] === 0) classes[count++] = c;
        if (count === 0) continue;
        const { rows, value } = this.docs[i]!;
        if (count * 4 > k) {
          for (let c = 0; c < k; c++) margin[c] = bias[c]! * BIAS_FEATURE;
          for (let f = 0; f < rows.length; f++) {
            const base = rows[f]! * k;
            const v = value[f]!;
            for (let c = 0; c < k; c++) margin[c]! += v * w[base + c]!;
          }
        } else {
          for (let j = 0; j < count; j++) {
            const c = classes[j]!;
            let sum = bias[c]! * BIAS_FEATURE;
            for (let f = 0; f < rows.length; f++) sum += value[f]! * w[rows[f]! * k + c]!;
            margin[c] = sum;
          }
        }
        for (let j = 0; j < count; j++) {
          const c = classes[j]!;
          const sign = this.y[i] === c ? 1 : -1;
          const d = sign > 0 ? ownDiagonal[c]! : diagonal;
          const a = this.alpha[i * k + c]!;
          const gradient = sign * margin[c]! - 1 + d * a;
          let projected = gradient;
          if (a === 0) {
            if (gradient > gradientMaxOld) {
              shrunk[i * k + c] = 1;
              anyShrunk = true;
              continue;
            }
            projected = Math.min(gradient, 0);
          }
          gradientMax = Math.max(gradientMax, projected);
          gradientMin = Math.min(gradientMin, projected);
          if (Math.abs(projected) < 1e-12) continue;
          const next = Math.max(a - gradient / (this.norms[i]! + d), 0);
          const step = (next - a) * sign;
          this.alpha[i * k + c] = next;
          bias[c]! += step * BIAS_FEATURE;
          for (let f = 0; f < rows.length; f++) w[rows[f]! * k + c]! += step * value[f]!;
        }
      }
      if (gradientMax - gradientMin < tolerance || gradientMax === -Infinity) {
        // Converged on what is left: done if nothing was left out, else check every pair once more.
        if (!anyShrunk) return pass;
        shrunk.fill(0);
        anyShrunk = false;
        gradientMaxOld = Infinity;
        continue;
      }
      gradientMaxOld = gradientMax > 0 ? gradientMax : Infinity;
    }
    return passes;
  }

  /** 1 / (2 C_c) for each SIG's own reports, C_c its weighted C among the included reports. */
  private ownDiagonals(include: readonly number[], c: number, classWeight: ClassWeight): Float64Array {
    const k = this.weights.k;
    const counts = new Float64Array(k);
    for (const i of include) counts[this.y[i]!]! += 1;
    return counts.map((n) => 1 / (2 * c * (classWeight === "balanced" && n > 0 ? include.length / (k * n) : 1)));
  }

  /**
   * Takes reports out of the current solution: their dual variables go to 0 and their part leaves
   * the weights, so the next `solve` without them starts from the rest's answer (cross-fitting).
   */
  drop(reports: readonly number[]): void {
    const { w, bias, k } = this.weights;
    for (const i of reports) {
      const { rows, value } = this.docs[i]!;
      for (let c = 0; c < k; c++) {
        const a = this.alpha[i * k + c]!;
        if (a === 0) continue;
        const step = this.y[i] === c ? -a : a;
        this.alpha[i * k + c] = 0;
        bias[c]! += step * BIAS_FEATURE;
        for (let f = 0; f < rows.length; f++) w[rows[f]! * k + c]! += step * value[f]!;
      }
    }
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
}

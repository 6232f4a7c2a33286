import { defaultFeatureSettings, extractRaw, weigh, type FeatureSettings, type FeatureVector } from "./features.ts";
import {
  fitConfidenceMap,
  fitTemperature,
  mapConfidenceInPlace,
  type ConfidenceMap,
  reliability,
  thresholdForPrecision,
  thresholdsBySig,
  type HeldOut,
  type Judged,
  type ReliabilityBin,
} from "./calibration.ts";
import { sparseWeights, type LinearModel, type Method } from "./linear-model.ts";
import { defaultSvmOptions, LinearSvmSolver, type ClassWeight } from "./linear-svm.ts";
import { fitNaiveBayes } from "./naive-bayes.ts";
import { calibrationFolds, heldOutSplit } from "./held-out.ts";
import { defaultSoftmaxOptions, fitSoftmax, type DenseWeights } from "./softmax-regression.ts";
import { softmaxInPlace } from "./scores.ts";
import type { TrainingExample } from "./training-data.ts";
import { buildVocabulary, type Vocabulary } from "./vocabulary.ts";

export type TrainSettings = {
  method: Method;
  features: FeatureSettings;
  /**
   * Linear SVM: the C values tried on the held-out slice, the first the default; another replaces it
   * only when it is better by more than a standard error. One value skips the search.
   */
  cs: number[];
  /** Linear SVM: how a SIG's own reports weigh against the others' (linear-svm.ts). */
  classWeight: ClassWeight;
  /** Softmax: the most epochs; the held-out slice stops it sooner. */
  epochs: number;
  learningRate: number;
  l2: number;
  /** The share of the training bugs held out for model selection and calibration; 0 turns both off. */
  heldOut: number;
  /**
   * Linear SVM: the temperature and the thresholds are fitted on the scores of every training bug
   * from a fit without its fold, over this many folds (cross-fitting); 0 fits them on the held-out
   * slice alone, as the other methods do.
   */
  calibrationFolds: number;
  /** After the temperature, the top SIG's probability mapped by a fitted slope and intercept of its logit. */
  confidenceMap: boolean;
  /** When set, the acting thresholds (global and per SIG) that reach this precision on the held-out slice. */
  targetPrecision: number | undefined;
  seed: number;
};

export const defaultTrainSettings: TrainSettings = {
  method: "linear-svm",
  features: defaultFeatureSettings,
  // C = 1 alone: on TF-IDF vectors normalised per family the optimum is flat around it, and a held-out
  // slice of a few hundred bugs picked 0.3 or 10 by chance often enough to cost a point. With the one-SE
  // rule, searching 1, 0.3, 3 gave the same accuracy in cross-validation on the real-data bench
  // (products 74.1 / 73.2 %, components 46.2 / 48.0 % against 46.7 / 48.0 % without) and on the
  // synthetic one, for a fifth more CPU in training (ADR 0006). `--c 1,0.3,3` still searches.
  cs: [1],
  classWeight: defaultSvmOptions.classWeight,
  epochs: defaultSoftmaxOptions.epochs,
  learningRate: defaultSoftmaxOptions.learningRate,
  l2: defaultSoftmaxOptions.l2,
  heldOut: 0.2,
  calibrationFolds: 5,
  confidenceMap: true,
  targetPrecision: undefined,
  seed: 1,
};

/** What training chose and saw on its held-out slice, for the operator. */
export type TrainReport = {
  seconds: number;
  examples: number;
  heldOut: number;
  /** The setting picked on the held-out slice (C or epochs) and each candidate's held-out accuracy. */
  selection: { name: string; chosen: number; tried: { value: number; accuracy: number }[] } | undefined;
  temperature: number;
  /** The top probability's map after the temperature, when one was fitted. */
  confidence: ConfidenceMap | undefined;
  /** Where the calibration's scores came from: the held-out slice, or every bug from a fit without its fold. */
  calibratedOn: { bugs: number; folds: number } | undefined;
  calibration: { bins: ReliabilityBin[]; expectedCalibrationError: number } | undefined;
};

/** Learns a SIG router from labelled bugs. Labels are sorted so that the same history gives the same file. */
export function train(
  input: readonly TrainingExample[],
  overrides: Partial<TrainSettings> = {},
): { model: LinearModel; report: TrainReport } {
  const settings = { ...defaultTrainSettings, ...overrides };
  const started = performance.now();
  const labels = [...new Set(input.map((e) => e.sig))].sort();
  if (labels.length < 2) throw new Error(`training needs bugs of at least two SIGs, got ${labels.length}`);
  const index = new Map(labels.map((l, i) => [l, i]));
  const y = Int32Array.from(input, (e) => index.get(e.sig)!);
  const raws = input.map((e) => extractRaw(e, settings.features));
  // One vocabulary for the held-out search and the final fit: idf reads no label, so computing it
  // over the held-out reports too tells the search nothing it should not know, and lets the final
  // fit start where the search ended.
  const vocabulary = buildVocabulary(raws, settings.features.bits);
  const docs = raws.map((r) => weigh(r, vocabulary, settings.features));
  const split = heldOutSplit(y, settings.heldOut, settings.seed);
  if (!split && settings.targetPrecision !== undefined) {
    throw new Error("a target precision needs a held-out slice (held-out above 0) and enough bugs to hold 30 out");
  }
  const everyone = [...docs.keys()];
  const k = labels.length;
  const fitter = newFitter(docs, y, k, vocabulary.buckets.length, settings);
  let temperature = 1;
  let selection: TrainReport["selection"];
  let calibration: TrainReport["calibration"];
  let thresholds: LinearModel["thresholds"];
  let chosen: number | undefined;
  let weights: DenseWeights | undefined;
  let confidence: ConfidenceMap | undefined;
  let calibratedOn: TrainReport["calibratedOn"];
  if (split) {
    const accuracyOf = (w: DenseWeights) =>
      split.check.filter((i) => argmax(dot(w, docs[i]!)) === y[i]).length / split.check.length;
    const picked = fitter.select(split.fit, accuracyOf);
    chosen = picked.chosen;
    selection = { name: fitter.setting, chosen: picked.chosen, tried: picked.tried };
    let heldOut = split.check.map((i): HeldOut => ({ scores: dot(picked.weights, docs[i]!), truth: y[i]! }));
    if (fitter.outOfFold && settings.calibrationFolds > 1) {
      weights = copy(fitter.fit(everyone, chosen));
      heldOut = fitter.outOfFold(calibrationFolds(y, settings.calibrationFolds, settings.seed), chosen);
      calibratedOn = { bugs: heldOut.length, folds: settings.calibrationFolds };
    } else calibratedOn = { bugs: heldOut.length, folds: 1 };
    temperature = fitTemperature(heldOut);
    let judged = heldOut.map((h) => judge(h, temperature, labels, undefined));
    if (settings.confidenceMap) {
      confidence = fitConfidenceMap(judged);
      judged = heldOut.map((h) => judge(h, temperature, labels, confidence));
    }
    calibration = reliability(judged);
    if (settings.targetPrecision !== undefined) {
      thresholds = {
        targetPrecision: settings.targetPrecision,
        global: thresholdForPrecision(judged, settings.targetPrecision),
        bySig: thresholdsBySig(judged, settings.targetPrecision),
      };
    }
  }
  weights ??= fitter.fit(everyone, chosen);
  const model = { ...toModel(weights, vocabulary, labels, settings, temperature, thresholds), confidence };
  const seconds = (performance.now() - started) / 1000;
  return {
    model,
    report: {
      seconds,
      examples: input.length,
      heldOut: split?.check.length ?? 0,
      selection,
      temperature,
      confidence,
      calibratedOn,
      calibration,
    },
  };
}

type Candidate = { value: number; accuracy: number };

/**
 * The search only compares held-out accuracies, so its solves stop at three times the final fit's
 * gap: with balanced class weights a small SIG's C is large and slow to converge, and at twice the
 * gap training 5,000 reports took a fifth longer; the same accuracy in cross-validation (ADR 0006).
 */
const SEARCH_TOLERANCE = 3 * defaultSvmOptions.tolerance;
/**
 * Each fold's solve for the calibration starts from the fit on every bug with the fold taken out and
 * runs one pass: on 5,000 reports five folds cost 1.5–2 s of CPU at one pass and 3–4 s when solved
 * to the search's gap, and the pooled calibration error in cross-validation was within half a point
 * (0 passes, the fold only taken out, left scores far too timid: 26–39 %).
 */
const CROSS_FIT_PASSES = 1;
type Fitter = {
  /** What the held-out slice chooses: "C", "epochs" or "none". */
  setting: string;
  select(
    include: number[],
    accuracyOf: (w: DenseWeights) => number,
  ): { chosen: number; tried: Candidate[]; weights: DenseWeights };
  fit(include: number[], chosen: number | undefined): DenseWeights;
  /**
   * After `fit` on every bug: each fold's scores from that fit with the fold taken out and solved
   * again (warm-started, `CROSS_FIT_PASSES`), the solver back at the full fit after.
   */
  outOfFold?(folds: number[][], chosen: number | undefined): HeldOut[];
};

const copy = (w: DenseWeights): DenseWeights => ({ w: w.w.slice(), bias: w.bias.slice(), k: w.k });

/** Ties go to the first candidate: the smaller C, the earlier epoch, the simpler model. */
function better(best: { accuracy: number } | undefined, accuracy: number): boolean {
  return best === undefined || accuracy > best.accuracy;
}

function newFitter(docs: FeatureVector[], y: Int32Array, k: number, rows: number, s: TrainSettings): Fitter {
  const subset = (include: number[]) => ({
    docs: include.map((i) => docs[i]!),
    y: Int32Array.from(include, (i) => y[i]!),
  });
  if (s.method === "linear-svm") {
    const solver = new LinearSvmSolver(docs, y, k, rows, s.seed);
    return {
      setting: "C",
      select(include, accuracyOf) {
        const runs = new Map<
          number,
          Candidate & { weights: DenseWeights; state: ReturnType<LinearSvmSolver["save"]> }
        >();
        // Increasing C, each solve warm-started from the last: the path costs little more than its last fit.
        for (const c of [...new Set(s.cs)].sort((a, b) => a - b)) {
          solver.solve(include, { ...defaultSvmOptions, c, tolerance: SEARCH_TOLERANCE, classWeight: s.classWeight });
          runs.set(c, {
            value: c,
            accuracy: accuracyOf(solver.weights),
            weights: copy(solver.weights),
            state: solver.save(),
          });
        }
        const first = runs.get(s.cs[0]!)!;
        const error = Math.sqrt((first.accuracy * (1 - first.accuracy)) / Math.max(include.length, 1));
        let chosen = first;
        for (const run of runs.values())
          if (run.accuracy > first.accuracy + error && run.accuracy > chosen.accuracy) chosen = run;
        solver.restore(chosen.state);
        const tried = s.cs.map((c) => ({ value: c, accuracy: runs.get(c)!.accuracy }));
        return { chosen: chosen.value, tried, weights: chosen.weights };
      },
      fit(include, chosen) {
        solver.solve(include, { ...defaultSvmOptions, c: chosen ?? s.cs[0]!, classWeight: s.classWeight });
        return solver.weights;
      },
      outOfFold(folds, chosen) {
        const full = solver.save();
        const out: HeldOut[] = [];
        for (const fold of folds) {
          if (fold.length === 0) continue;
          const left = new Set(fold);
          solver.restore(full);
          solver.drop(fold);
          solver.solve(
            [...docs.keys()].filter((i) => !left.has(i)),
            { ...defaultSvmOptions, c: chosen ?? s.cs[0]!, passes: CROSS_FIT_PASSES, classWeight: s.classWeight },
          );
          for (const i of fold) out.push({ scores: dot(solver.weights, docs[i]!), truth: y[i]! });
        }
        solver.restore(full);
        return out;
      },
    };
  }
  if (s.method === "softmax") {
    const options = { epochs: s.epochs, learningRate: s.learningRate, l2: s.l2, seed: s.seed };
    return {
      setting: "epochs",
      select(include, accuracyOf) {
        const tried: Candidate[] = [];
        let best: (Candidate & { weights: DenseWeights }) | undefined;
        const part = subset(include);
        fitSoftmax(part.docs, part.y, k, rows, options, (epoch, w) => {
          const accuracy = accuracyOf(w);
          tried.push({ value: epoch, accuracy });
          if (better(best, accuracy)) best = { value: epoch, accuracy, weights: copy(w) };
          return true;
        });
        return { chosen: best!.value, tried, weights: best!.weights };
      },
      fit(include, chosen) {
        const part = subset(include);
        return fitSoftmax(part.docs, part.y, k, rows, { ...options, epochs: chosen ?? s.epochs });
      },
    };
  }
  return {
    setting: "none",
    select(include, accuracyOf) {
      const part = subset(include);
      const weights = fitNaiveBayes(part.docs, part.y, k, rows);
      return { chosen: 0, tried: [{ value: 0, accuracy: accuracyOf(weights) }], weights };
    },
    fit(include) {
      const part = subset(include);
      return fitNaiveBayes(part.docs, part.y, k, rows);
    },
  };
}

export function dot(w: DenseWeights, d: FeatureVector): Float64Array {
  const k = w.k;
  const s = Float64Array.from(w.bias);
  for (let i = 0; i < d.rows.length; i++) {
    const base = d.rows[i]! * k;
    const v = d.value[i]!;
    for (let c = 0; c < k; c++) s[c]! += v * w.w[base + c]!;
  }
  return s;
}

function argmax(s: Float64Array): number {
  let best = 0;
  for (let c = 1; c < s.length; c++) if (s[c]! > s[best]!) best = c;
  return best;
}

function judge(h: HeldOut, temperature: number, labels: string[], confidence: ConfidenceMap | undefined): Judged {
  const p = Float64Array.from(h.scores);
  softmaxInPlace(p, temperature);
  if (confidence) mapConfidenceInPlace(p, confidence);
  const best = argmax(p);
  return { predicted: labels[best]!, confidence: p[best]!, right: best === h.truth };
}

function toModel(
  d: DenseWeights,
  vocabulary: Vocabulary,
  labels: string[],
  s: TrainSettings,
  temperature: number,
  thresholds: LinearModel["thresholds"],
): LinearModel {
  const weights = sparseWeights(d.w, labels.length, vocabulary.buckets.length);
  return {
    method: s.method,
    labels,
    features: s.features,
    vocabulary,
    bias: d.bias.slice(),
    weights,
    temperature,
    thresholds,
  };
}

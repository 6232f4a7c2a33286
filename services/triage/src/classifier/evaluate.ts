import { groupBy } from "./group-by.ts";
import { reliability, type Judged, type ReliabilityBin } from "./calibration.ts";
import { predict, thresholdFor, type LinearModel } from "./linear-model.ts";
import type { TrainingExample } from "./training-data.ts";

export type Metrics = {
  count: number;
  accuracy: number;
  /** Mean F1 over every SIG that is either a true or a predicted label: small SIGs count as much as big ones. */
  macroF1: number;
  top3Accuracy: number;
  threshold: number;
  /** Share of bugs whose top probability is at least the threshold: those the bot would act on alone. */
  coverage: number;
  /** Accuracy on that share; null when nothing reaches the threshold. */
  precisionAtThreshold: number | null;
};

/** What `triage eval` prints beyond the headline figures. */
export type Evaluation = Metrics & {
  /** Whether coverage and precision are at the model's own thresholds (global and per SIG). */
  modelThresholds: boolean;
  msPerBug: number;
  calibration: { bins: ReliabilityBin[]; expectedCalibrationError: number };
  /** The SIGs most often missed, each with where its bugs went instead. */
  worst: { sig: string; count: number; recall: number; confusedWith: { sig: string; count: number }[] }[];
};

/** One scored bug: the true SIG, the ranked suggestions with the top probability, and the threshold it met. */
export type Scored = { truth: string; ranked: string[]; confidence: number; threshold?: number };

/**
 * The model on labelled bugs it did not train on. `threshold` is the acting threshold where the model
 * has none of its own (trained with a target precision, it has one per SIG, used here as in routing).
 */
export function evaluate({
  model,
  test,
  threshold = 0.6,
}: {
  model: LinearModel;
  test: readonly TrainingExample[];
  threshold?: number;
}): Evaluation {
  const started = performance.now();
  const scored = test.map((e): Scored => {
    const { top } = predict(model, e, 3, 0);
    return {
      truth: e.sig,
      ranked: top.map((t) => t.sig),
      confidence: top[0]!.probability,
      threshold: thresholdFor(model, top[0]!.sig, threshold),
    };
  });
  const msPerBug = (performance.now() - started) / Math.max(test.length, 1);
  const judged = scored.map((s): Judged => ({
    predicted: s.ranked[0]!,
    confidence: s.confidence,
    right: s.ranked[0] === s.truth,
  }));
  return {
    ...metrics(scored, model.thresholds?.global ?? threshold),
    modelThresholds: model.thresholds !== undefined,
    msPerBug,
    calibration: reliability(judged),
    worst: worstClasses(scored),
  };
}

function worstClasses(scored: readonly Scored[], count = 3): Evaluation["worst"] {
  return [...groupBy(scored, (s) => s.truth)]
    .map(([sig, list]) => {
      const missed = new Map<string, number>();
      for (const s of list) if (s.ranked[0] !== sig) missed.set(s.ranked[0]!, (missed.get(s.ranked[0]!) ?? 0) + 1);
      const confusedWith = [...missed]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([other, n]) => ({ sig: other, count: n }));
      return {
        sig,
        count: list.length,
        recall: (list.length - [...missed.values()].reduce((a, b) => a + b, 0)) / list.length,
        confusedWith,
      };
    })
    .filter((w) => w.recall < 1)
    .sort((a, b) => b.count * (1 - b.recall) - a.count * (1 - a.recall))
    .slice(0, count);
}

export function metrics(scored: readonly Scored[], threshold: number): Metrics {
  const n = scored.length;
  let correct = 0;
  let top3 = 0;
  let covered = 0;
  let coveredCorrect = 0;
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
  for (const s of scored) {
    const guess = s.ranked[0];
    const right = guess === s.truth;
    if (right) {
      correct++;
      bump(tp, s.truth);
    } else {
      bump(fn, s.truth);
      if (guess !== undefined) bump(fp, guess);
    }
    if (s.ranked.slice(0, 3).includes(s.truth)) top3++;
    if (s.confidence >= (s.threshold ?? threshold)) {
      covered++;
      if (right) coveredCorrect++;
    }
  }
  const labels = new Set([...tp.keys(), ...fp.keys(), ...fn.keys()]);
  let f1Sum = 0;
  for (const label of labels) {
    const t = tp.get(label) ?? 0;
    const denominator = 2 * t + (fp.get(label) ?? 0) + (fn.get(label) ?? 0);
    f1Sum += denominator === 0 ? 0 : (2 * t) / denominator;
  }
  return {
    count: n,
    accuracy: n ? correct / n : 0,
    macroF1: labels.size ? f1Sum / labels.size : 0,
    top3Accuracy: n ? top3 / n : 0,
    threshold,
    coverage: n ? covered / n : 0,
    precisionAtThreshold: covered ? coveredCorrect / covered : null,
  };
}

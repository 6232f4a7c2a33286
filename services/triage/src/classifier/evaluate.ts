import { predict, type LinearModel } from "./linear-model.ts";
import { exampleText, type TrainingExample } from "./training-data.ts";

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

/** One scored bug: the true SIG and the ranked suggestions with the top probability. */
export type Scored = { truth: string; ranked: string[]; confidence: number };

export function evaluate({ model, test, threshold = 0.6 }: { model: LinearModel; test: TrainingExample[]; threshold?: number }): Metrics {
  const scored = test.map((e): Scored => {
    const { top } = predict(model, exampleText(e), 3, 0);
    return { truth: e.sig, ranked: top.map((t) => t.sig), confidence: top[0]!.probability };
  });
  return metrics(scored, threshold);
}

export function metrics(scored: Scored[], threshold: number): Metrics {
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
    if (s.confidence >= threshold) {
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

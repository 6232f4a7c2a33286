import { readFileSync } from "node:fs";
import { parseCommunity } from "@agora/config";
// Relative until bench/package.json lists @agora/triage (a workspace link is needed for the bare name).
import {
  evaluate,
  exampleText,
  keywordRules,
  matchRules,
  predict,
  serializeModel,
  syntheticReports,
  train,
  type LinearModel,
} from "@agora/triage";

export type TriageFigure = {
  variant: string;
  trainSeconds: number | null;
  perSecond: number;
  msPerBug: number;
  accuracy: number;
  macroF1: number | null;
  top3: number | null;
  coverage: number | null;
  precision: number | null;
  modelKiB: number | null;
};

/**
 * Trains on `reports` SYNTHETIC bugs for the example community's SIGs and classifies a held-out set made
 * with another seed, beside the keyword-rules baseline on the same held-out set. Classification is timed
 * end to end: features, scores, top 3 and reasons, as routing a bug does it.
 */
export function triageBenchmark({ reports, testReports, seconds, threshold }: { reports: number; testReports: number; seconds: number; threshold: number }): TriageFigure[] {
  const path = new URL("../config/community.example.yaml", import.meta.url);
  const community = parseCommunity(readFileSync(path, "utf8"), path.pathname);
  if (!community.ok) throw new Error(community.problems.join("\n"));
  const sigs = community.community.sigs;
  const trainSet = syntheticReports(sigs, reports, 1);
  const testSet = syntheticReports(sigs, testReports, 2);
  const texts = testSet.map(exampleText);

  const timeLoop = (classify: (text: string) => unknown) => {
    for (const text of texts) classify(text); // warm-up: JIT and the garbage left by training
    let n = 0;
    const started = performance.now();
    const until = started + seconds * 1000;
    while (performance.now() < until) {
      for (const text of texts) classify(text);
      n += texts.length;
    }
    const ms = performance.now() - started;
    return { perSecond: (n / ms) * 1000, msPerBug: ms / n };
  };

  const learned = (method: LinearModel["method"]): TriageFigure => {
    const started = performance.now();
    const model = train({ input: trainSet, method });
    const trainSeconds = (performance.now() - started) / 1000;
    const m = evaluate({ model, test: testSet, threshold });
    return {
      variant: { softmax: "softmax regression (chosen)", "naive-bayes": "multinomial naive Bayes", "linear-svm": "one-vs-rest linear SVM" }[method],
      trainSeconds,
      ...timeLoop((text) => predict(model, text)),
      accuracy: m.accuracy,
      macroF1: m.macroF1,
      top3: m.top3Accuracy,
      coverage: m.coverage,
      precision: m.precisionAtThreshold,
      modelKiB: serializeModel(model).length / 1024,
    };
  };

  const rules = keywordRules(sigs);
  const rulesRight = testSet.filter((e, i) => matchRules(rules, texts[i]!)?.sig === e.sig).length;
  const baseline: TriageFigure = {
    variant: "keyword rules (baseline)",
    trainSeconds: null,
    ...timeLoop((text) => matchRules(rules, text)),
    accuracy: rulesRight / testSet.length,
    macroF1: null,
    top3: null,
    coverage: null,
    precision: null,
    modelKiB: null,
  };
  return [baseline, learned("softmax"), learned("naive-bayes"), learned("linear-svm")];
}

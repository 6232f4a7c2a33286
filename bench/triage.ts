import { readFileSync } from "node:fs";
import { parseCommunity } from "@agora/config";
// Relative until bench/package.json lists @agora/triage (a workspace link is needed for the bare name).
import {
  evaluate,
  keywordRules,
  matchRules,
  predict,
  serializeModel,
  syntheticReports,
  train,
  type LinearModel,
} from "@agora/triage";
import { timePerItem } from "./time-per-item.ts";

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
export function triageBenchmark({
  reports,
  testReports,
  seconds,
  threshold,
}: {
  reports: number;
  testReports: number;
  seconds: number;
  threshold: number;
}): TriageFigure[] {
  const path = new URL("../config/community.example.yaml", import.meta.url);
  const community = parseCommunity(readFileSync(path, "utf8"), path.pathname);
  if (!community.ok) throw new Error(community.problems.join("\n"));
  const sigs = community.community.sigs;
  const trainSet = syntheticReports(sigs, reports, 1);
  const testSet = syntheticReports(sigs, testReports, 2);
  const texts = testSet.map((e) => `${e.title}\n${e.description}`);

  const timeLoop = <T>(items: readonly T[], classify: (item: T) => unknown) => {
    const { msPerItem, perSecond } = timePerItem(seconds, items, classify);
    return { perSecond, msPerBug: msPerItem };
  };

  const learned = (method: LinearModel["method"]): TriageFigure => {
    const started = performance.now();
    const { model } = train(trainSet, { method });
    const trainSeconds = (performance.now() - started) / 1000;
    const m = evaluate({ model, test: testSet, threshold });
    return {
      variant: {
        softmax: "softmax regression",
        "naive-bayes": "complement naive Bayes",
        "linear-svm": "linear SVM (chosen)",
      }[method],
      trainSeconds,
      ...timeLoop(testSet, (report) => predict(model, report)),
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
    ...timeLoop(texts, (text) => matchRules(rules, text)),
    accuracy: rulesRight / testSet.length,
    macroF1: null,
    top3: null,
    coverage: null,
    precision: null,
    modelKiB: null,
  };
  return [baseline, learned("linear-svm"), learned("softmax"), learned("naive-bayes")];
}

const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(9);
const pctOrDash = (v: number | null) => (v === null ? "-" : (v * 100).toFixed(1)).padStart(7);

export function printTriageBenchmark({ seconds }: { seconds: number }): void {
  const reports = Number(process.env.BENCH_TRIAGE_REPORTS ?? 5000);
  const threshold = Number(process.env.BENCH_TRIAGE_THRESHOLD ?? 0.6);
  console.log(
    `\nTriage: SIG routing of SYNTHETIC bug reports (8 SIGs of the example community; trained on ${reports}, tested on 2,000 others; threshold ${threshold}; not a measure of accuracy on real bugs)\n`,
  );
  const triage = triageBenchmark({ reports, testReports: 2000, seconds, threshold });
  console.log(
    `${"variant".padEnd(28)} ${"train s".padStart(8)} ${"bugs/s".padStart(9)} ${"ms/bug".padStart(8)} ${"acc %".padStart(7)} ${"mF1 %".padStart(7)} ${"top3 %".padStart(7)} ${"cov %".padStart(7)} ${"prec %".padStart(7)} ${"KiB".padStart(7)}`,
  );
  for (const t of triage) {
    console.log(
      `${t.variant.padEnd(28)} ${(t.trainSeconds === null ? "-" : t.trainSeconds.toFixed(2)).padStart(8)} ${fmt(t.perSecond, 0)} ${t.msPerBug.toFixed(4).padStart(8)} ${pctOrDash(t.accuracy)} ${pctOrDash(t.macroF1)} ${pctOrDash(t.top3)} ${pctOrDash(t.coverage)} ${pctOrDash(t.precision)} ${(t.modelKiB === null ? "-" : t.modelKiB.toFixed(0)).padStart(7)}`,
    );
  }
}

if (import.meta.main) printTriageBenchmark({ seconds: Number(process.env.BENCH_SECONDS ?? 3) });

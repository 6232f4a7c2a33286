import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { evaluate, type Metrics } from "../classifier/evaluate.ts";
import { train } from "../classifier/train.ts";
import { parseJsonl } from "../classifier/training-data.ts";
import { terminal, type Output } from "./train-command.ts";

/** `agora triage eval --train A.jsonl --test B.jsonl [--threshold 0.6] [--method …]`; returns the exit code. */
export function runEval(args: string[], output: Output = terminal): number {
  const { values } = parseArgs({
    args,
    options: {
      train: { type: "string" },
      test: { type: "string" },
      threshold: { type: "string", default: "0.6" },
      method: { type: "string", default: "softmax" },
    },
  });
  const threshold = Number(values.threshold);
  if (!values.train || !values.test || !(threshold >= 0 && threshold <= 1)) {
    output.err("usage: agora triage eval --train A.jsonl --test B.jsonl [--threshold 0..1] [--method softmax|naive-bayes|linear-svm]");
    return 2;
  }
  if (values.method !== "softmax" && values.method !== "naive-bayes" && values.method !== "linear-svm") {
    output.err(`--method must be softmax, naive-bayes or linear-svm, not ${values.method}`);
    return 2;
  }
  try {
    const model = train({ input: parseJsonl(readFileSync(values.train, "utf8"), values.train), method: values.method });
    const test = parseJsonl(readFileSync(values.test, "utf8"), values.test);
    for (const line of formatMetrics(evaluate({ model, test, threshold }))) output.out(line);
    return 0;
  } catch (error) {
    output.err((error as Error).message);
    return 1;
  }
}

export function formatMetrics(m: Metrics): string[] {
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  return [
    `bugs          ${m.count}`,
    `accuracy      ${pct(m.accuracy)}`,
    `macro-F1      ${pct(m.macroF1)}`,
    `top-3         ${pct(m.top3Accuracy)}`,
    `at threshold ${m.threshold}: coverage ${pct(m.coverage)}, precision ${m.precisionAtThreshold === null ? "n/a (nothing above)" : pct(m.precisionAtThreshold)}`,
  ];
}

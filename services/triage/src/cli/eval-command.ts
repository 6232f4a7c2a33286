import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { evaluate, type Metrics } from "../classifier/evaluate.ts";
import { train } from "../classifier/train.ts";
import { parseJsonl } from "../classifier/training-data.ts";
import { missingUsage, usageProblem, type CommandSpec } from "./command-spec.ts";
import { isMethod, methodProblem, METHODS, terminal, type Output } from "./train-command.ts";

export const evalCommand = {
  name: "agora triage eval",
  usage: `agora triage eval --train A.jsonl --test B.jsonl [--threshold 0.6] [--method ${METHODS.join("|")}]`,
  summary: "accuracy, macro-F1, top-3 accuracy, and coverage and precision at the threshold",
  options: {
    train: { type: "string" },
    test: { type: "string" },
    threshold: { type: "string", default: "0.6" },
    method: { type: "string", default: "softmax" },
  },
} as const satisfies CommandSpec;

/** `agora triage eval`; returns the exit code. */
export function runEval(args: string[], output: Output = terminal): number {
  const { values } = parseArgs({ args, options: evalCommand.options });
  if (!values.train || !values.test) return missingUsage(output, evalCommand, values, ["train", "test"]);
  const threshold = Number(values.threshold);
  if (!(values.threshold.trim() !== "" && threshold >= 0 && threshold <= 1)) {
    return usageProblem(output, evalCommand, `--threshold must be a number from 0 to 1, not ${values.threshold}`);
  }
  if (!isMethod(values.method)) return usageProblem(output, evalCommand, methodProblem(values.method));
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

import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { serializeModel } from "../classifier/linear-model.ts";
import { train } from "../classifier/train.ts";
import { parseJsonl } from "../classifier/training-data.ts";
import { missingUsage, usageProblem, type CommandSpec } from "./command-spec.ts";

/** Where a command writes: the terminal in `agora`, a buffer in tests. */
export type Output = { out: (line: string) => void; err: (line: string) => void };

export const terminal: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export const METHODS = ["softmax", "naive-bayes", "linear-svm"] as const;
type Method = (typeof METHODS)[number];

/** Whether `--method` names a learner; a wrong one is reported as a usage problem by the caller. */
export function isMethod(value: string): value is Method {
  return (METHODS as readonly string[]).includes(value);
}

export const methodProblem = (method: string) => `--method must be ${METHODS.join(", ")}, not ${method}`;

export const trainCommand = {
  name: "agora triage train",
  usage: `agora triage train --input history.jsonl --out model.json [--method ${METHODS.join("|")}]`,
  summary: 'learn the bug classifier from labelled reports ({"title","description","sig"} a line)',
  options: { input: { type: "string" }, out: { type: "string" }, method: { type: "string", default: "softmax" } },
} as const satisfies CommandSpec;

/** `agora triage train`; returns the exit code. */
export function runTrain(args: string[], output: Output = terminal): number {
  const { values } = parseArgs({ args, options: trainCommand.options });
  if (!values.input || !values.out) return missingUsage(output, trainCommand, values, ["input", "out"]);
  if (!isMethod(values.method)) return usageProblem(output, trainCommand, methodProblem(values.method));
  try {
    const examples = parseJsonl(readFileSync(values.input, "utf8"), values.input);
    const started = performance.now();
    const model = train({ input: examples, method: values.method });
    const seconds = (performance.now() - started) / 1000;
    const json = serializeModel(model);
    writeFileSync(values.out, json);
    output.out(
      `trained ${values.method} on ${examples.length} bugs, ${model.labels.length} SIGs in ${seconds.toFixed(2)} s; ` +
        `${model.rows.size} feature rows, ${(json.length / 1024).toFixed(0)} KiB → ${values.out}`,
    );
    return 0;
  } catch (error) {
    output.err((error as Error).message);
    return 1;
  }
}

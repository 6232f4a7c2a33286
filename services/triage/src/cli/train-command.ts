import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { serializeModel } from "../classifier/model-file.ts";
import { train } from "../classifier/train.ts";
import { parseJsonl } from "../classifier/training-data.ts";
import { missingUsage, usageProblem, type CommandSpec } from "./command-spec.ts";
import { formatTraining } from "./format-figures.ts";
import { modelOptionHelp, modelOptions, modelUsage, parseModelOptions } from "./model-options.ts";

/** Where a command writes: the terminal in `agora`, a buffer in tests. */
export type Output = { out: (line: string) => void; err: (line: string) => void };

export const terminal: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export const trainCommand = {
  name: "agora triage train",
  usage: `agora triage train --input history.jsonl --out model.json ${modelUsage}`,
  summary: [
    'learn the bug classifier from labelled reports ({"title","description","sig"} a line)',
    ...modelOptionHelp,
  ].join("\n"),
  options: { input: { type: "string" }, out: { type: "string" }, ...modelOptions },
} as const satisfies CommandSpec;

/** `agora triage train`; returns the exit code. */
export function runTrain(args: string[], output: Output = terminal): number {
  const { values } = parseArgs({ args, options: trainCommand.options });
  if (!values.input || !values.out) return missingUsage(output, trainCommand, values, ["input", "out"]);
  const settings = parseModelOptions(values);
  if (typeof settings === "string") return usageProblem(output, trainCommand, settings);
  try {
    const examples = parseJsonl(readFileSync(values.input, "utf8"), values.input);
    const { model, report } = train(examples, settings);
    const json = serializeModel(model);
    writeFileSync(values.out, json);
    for (const line of formatTraining(model, report)) output.out(line);
    output.out(
      `${model.weights.value.length} weights over ${model.vocabulary.buckets.length} features seen, ${(json.length / 1024).toFixed(0)} KiB → ${values.out}`,
    );
    return 0;
  } catch (error) {
    output.err((error as Error).message);
    return 1;
  }
}

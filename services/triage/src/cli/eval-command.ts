import { readFileSync } from "node:fs";
import { DEFAULT_TRIAGE_THRESHOLD } from "@agora/config";
import { parseArgs } from "node:util";
import { evaluate } from "../classifier/evaluate.ts";
import { train } from "../classifier/train.ts";
import { parseJsonl } from "../classifier/training-data.ts";
import { missingUsage, usageProblem, type CommandSpec } from "./command-spec.ts";
import { formatEvaluation, formatTraining } from "./format-figures.ts";
import { modelOptionHelp, modelOptions, modelUsage, parseModelOptions } from "./model-options.ts";
import { terminal, type Output } from "./train-command.ts";

export const evalCommand = {
  name: "agora triage eval",
  usage: `agora triage eval --train A.jsonl --test B.jsonl [--threshold ${DEFAULT_TRIAGE_THRESHOLD}] ${modelUsage}`,
  summary: [
    "trains on A, then on B: accuracy, macro-F1, top-3, the worst SIGs, coverage and precision at the",
    "threshold, per-bug time and the calibration table; the model options are train's",
    "--threshold         the acting threshold when no --target-precision is given",
    ...modelOptionHelp,
  ].join("\n"),
  options: {
    train: { type: "string" },
    test: { type: "string" },
    threshold: { type: "string", default: String(DEFAULT_TRIAGE_THRESHOLD) },
    ...modelOptions,
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
  const settings = parseModelOptions(values);
  if (typeof settings === "string") return usageProblem(output, evalCommand, settings);
  try {
    const { model, report } = train(parseJsonl(readFileSync(values.train, "utf8"), values.train), settings);
    const test = parseJsonl(readFileSync(values.test, "utf8"), values.test);
    for (const line of formatTraining(model, report)) output.out(line);
    output.out("");
    for (const line of formatEvaluation(evaluate({ model, test, threshold }))) output.out(line);
    return 0;
  } catch (error) {
    output.err((error as Error).message);
    return 1;
  }
}

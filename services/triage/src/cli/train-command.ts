import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { serializeModel } from "../classifier/linear-model.ts";
import { train } from "../classifier/train.ts";
import { parseJsonl } from "../classifier/training-data.ts";

/** Where a command writes: the terminal in `agora`, a buffer in tests. */
export type Output = { out: (line: string) => void; err: (line: string) => void };

export const terminal: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** `agora triage train --input history.jsonl --out model.json [--method softmax|naive-bayes|linear-svm]`; returns the exit code. */
export function runTrain(args: string[], output: Output = terminal): number {
  const { values } = parseArgs({
    args,
    options: { input: { type: "string" }, out: { type: "string" }, method: { type: "string", default: "softmax" } },
  });
  if (!values.input || !values.out) {
    output.err("usage: agora triage train --input history.jsonl --out model.json [--method softmax|naive-bayes|linear-svm]");
    return 2;
  }
  if (values.method !== "softmax" && values.method !== "naive-bayes" && values.method !== "linear-svm") {
    output.err(`--method must be softmax, naive-bayes or linear-svm, not ${values.method}`);
    return 2;
  }
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

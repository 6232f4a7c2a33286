import type { ParseArgsOptionsConfig } from "node:util";
import type { Output } from "./train-command.ts";

/**
 * What `agora help` shows of a command, beside the option definitions its parser reads: the help
 * is checked against `options`, so an option added to the parser but not to `usage` fails a test.
 */
export interface CommandSpec {
  /** How an error names the command: `agora triage sweep`. */
  name: string;
  /** The whole command line, every option in it, optional ones in brackets. */
  usage: string;
  summary: string;
  options: ParseArgsOptionsConfig;
}

/** The `--names` of required options that were left out or given empty. */
export function missingOptions(values: Readonly<Record<string, unknown>>, required: readonly string[]): string[] {
  return required
    .filter((name) => {
      const value = values[name];
      return value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
    })
    .map((name) => `--${name}`);
}

/** Says what is wrong with the command line, then how to write it; returns 2, the usage exit code. */
export function usageProblem(output: Output, spec: CommandSpec, problem: string): 2 {
  output.err(`${spec.name}: ${problem}`);
  output.err(`usage: ${spec.usage}`);
  return 2;
}

/** `usageProblem` naming, all at once, the required options that were left out. */
export function missingUsage(
  output: Output,
  spec: CommandSpec,
  values: Readonly<Record<string, unknown>>,
  required: readonly string[],
): 2 {
  const missing = missingOptions(values, required);
  return usageProblem(output, spec, missing.length ? `missing ${missing.join(", ")}` : "a required option is missing");
}

import type { CommandSpec } from "./command-spec.ts";
import { evalCommand, runEval } from "./eval-command.ts";
import { exportCorrectionsCommand, runExportCorrections } from "./export-corrections-command.ts";
import { importHistoryCommand, runImportHistory } from "./import-history-command.ts";
import { runSweep, sweepCommand } from "./sweep-command.ts";
import { runTrain, trainCommand } from "./train-command.ts";

export interface TriageCommand extends CommandSpec {
  /** Runs on the terminal and the process's environment; resolves to the exit code. */
  run(args: string[]): number | Promise<number>;
}

/** `agora triage <name>`: what `agora` dispatches to and what its help lists, in this order. */
export const triageCommands: Readonly<Record<string, TriageCommand>> = {
  train: { ...trainCommand, run: (args) => runTrain(args) },
  eval: { ...evalCommand, run: (args) => runEval(args) },
  "import-history": { ...importHistoryCommand, run: (args) => runImportHistory(args) },
  "export-corrections": { ...exportCorrectionsCommand, run: (args) => runExportCorrections(args) },
  sweep: { ...sweepCommand, run: (args) => runSweep(args) },
};

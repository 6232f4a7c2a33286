import type { CommandSpec } from "./command-spec.ts";
import { evalCommand, runEval } from "./eval-command.ts";
import { exportCorrectionsCommand, runExportCorrections } from "./export-corrections-command.ts";
import { importHistoryCommand, runImportHistory } from "./import-history-command.ts";
import { runSweep, sweepCommand } from "./sweep-command.ts";
import { runTrain, trainCommand, type Output } from "./train-command.ts";

export interface TriageCommand extends CommandSpec {
  /** Runs on the process's environment, writing to `output` (the terminal by default); resolves to the exit code. */
  run(args: string[], output?: Output): number | Promise<number>;
}

/** `agora triage <name>`: what `agora` dispatches to and what its help lists, in this order. */
export const triageCommands: Readonly<Record<string, TriageCommand>> = {
  train: { ...trainCommand, run: (args, output) => runTrain(args, output) },
  eval: { ...evalCommand, run: (args, output) => runEval(args, output) },
  "import-history": { ...importHistoryCommand, run: (args, output) => runImportHistory(args, output) },
  "export-corrections": { ...exportCorrectionsCommand, run: (args, output) => runExportCorrections(args, output) },
  sweep: { ...sweepCommand, run: (args, output) => runSweep(args, output) },
};

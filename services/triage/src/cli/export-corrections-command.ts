import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { listTriageCorrections, openDatabase, type Database, type Sql } from "@agora/db";
import { toJsonl } from "../history/import-history.ts";
import { commandSettings } from "./command-settings.ts";
import { missingUsage, type CommandSpec } from "./command-spec.ts";
import { terminal, type Output } from "./train-command.ts";

export const exportCorrectionsCommand = {
  name: "agora triage export-corrections",
  usage: "agora triage export-corrections --output corrections.jsonl",
  summary: "the SIG labels people set by hand, as training data to add to the history (reads the database)",
  options: { output: { type: "string" } },
} as const satisfies CommandSpec;

export interface ExportCorrectionsDeps {
  /** The database to read; without it, the one DATABASE_URL (or PGlite under AGORA_DATA_DIR) names. */
  db?: Sql;
}

/**
 * `agora triage export-corrections`: the SIG labels people set by hand (each overrode the bot or
 * routed what it could not), as the `{"title","description","sig"}` lines `agora triage train`
 * reads, so that they can be appended to the imported history and the model retrained on both.
 * Returns the exit code.
 */
export async function runExportCorrections(
  args: string[],
  output: Output = terminal,
  env: Record<string, string | undefined> = process.env,
  deps: ExportCorrectionsDeps = {},
): Promise<number> {
  const { values } = parseArgs({ args, options: exportCorrectionsCommand.options });
  if (!values.output) return missingUsage(output, exportCorrectionsCommand, values, ["output"]);
  const settings = commandSettings(env, output);
  if (!settings) return 1;
  let opened: Database | undefined;
  const db =
    deps.db ?? (opened = await openDatabase({ databaseUrl: settings.DATABASE_URL, dataDir: settings.AGORA_DATA_DIR }));
  try {
    const corrections = await listTriageCorrections(db);
    const examples = corrections.map(({ title, description, sig }) => ({ title, description, sig }));
    writeFileSync(values.output, toJsonl(examples));
    output.out(`${examples.length} correction(s) → ${values.output}`);
    return 0;
  } catch (error) {
    output.err(`export failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await opened?.close();
  }
}

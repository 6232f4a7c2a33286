import { checkEnv, type Env } from "@agora/config";
import type { Output } from "./train-command.ts";

/**
 * The settings a command reads (the community file, the database), checked as every role checks
 * them at start: undefined, each problem written on a line of its own, when one is invalid. An
 * empty value counts as unset, so `AGORA_DATA_DIR=` means `./data`, as it does for `agora start`.
 */
export function commandSettings(env: Record<string, string | undefined>, output: Output): Env | undefined {
  const check = checkEnv(env);
  if (check.ok) return check.env;
  for (const line of check.lines) output.err(line);
  return undefined;
}

import { parseEnv, type Env } from "./env.ts";

export type EnvCheck = { ok: true; env: Env } | { ok: false; lines: string[] };

/**
 * The one check of the environment that every `agora` command and role goes through. Each
 * problem is a line of its own that names the variable and never its value, so that one line of
 * a log collector says what to fix. An empty value counts as unset everywhere, as Compose's
 * `${NAME:-}` and Kubernetes' optional keys hand one over for a variable the operator did not set.
 *
 * @example
 * const check = checkEnv(process.env, Boolean(process.stdout.isTTY));
 * if (!check.ok) {
 *   for (const line of check.lines) console.error(line); // invalid environment variable PORT: must be …
 *   process.exit(1);
 * }
 * const { PORT, DATABASE_URL } = check.env;
 */
export function checkEnv(processEnv: NodeJS.ProcessEnv, stdoutIsTTY = false): EnvCheck {
  const result = parseEnv(processEnv, stdoutIsTTY);
  if (result.ok) return result;
  return { ok: false, lines: result.problems.map((problem) => `invalid environment variable ${problem}`) };
}

import { spawn } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The Schemathesis the API document test runs; changing it reinstalls the cached virtualenv. */
export const SCHEMATHESIS_VERSION = "4.32.5";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
/** Beside .cache/synapse-venv, so the machine keeps it between runs. */
export const SCHEMATHESIS_VENV = path.join(repoRoot, ".cache", "schemathesis-venv");
const MARKER = path.join(SCHEMATHESIS_VENV, ".agora-schemathesis-version");

/**
 * The virtualenv's `schemathesis` command, installed at the pinned version. Unlike Synapse's this
 * takes no lock: one test file uses it, the e2e files run one at a time, and CI installs it first.
 */
export async function ensureSchemathesisInstalled(): Promise<string> {
  const command = path.join(SCHEMATHESIS_VENV, "bin", "schemathesis");
  if ((await installedVersion()) === SCHEMATHESIS_VERSION) return command;
  const started = Date.now();
  process.stderr.write(`[schemathesis] installing schemathesis ${SCHEMATHESIS_VERSION} into ${SCHEMATHESIS_VENV}\n`);
  // A venv without the marker is a half-finished install (or an old pin): start over.
  await rm(SCHEMATHESIS_VENV, { recursive: true, force: true });
  await run("python3", ["-m", "venv", SCHEMATHESIS_VENV]);
  const python = path.join(SCHEMATHESIS_VENV, "bin", "python");
  await run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", `schemathesis==${SCHEMATHESIS_VERSION}`]);
  await writeFile(MARKER, SCHEMATHESIS_VERSION);
  process.stderr.write(`[schemathesis] installed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return command;
}

async function installedVersion(): Promise<string | undefined> {
  try {
    return (await readFile(MARKER, "utf8")).trim();
  } catch {
    return undefined;
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) return resolve();
      const hint = command === "python3" && /ensurepip|venv/.test(stderr) ? " (install python3-venv)" : "";
      reject(new Error(`${command} ${args.join(" ")} failed (${signal ?? code})${hint}:\n${stderr.slice(-4000)}`));
    });
  });
}

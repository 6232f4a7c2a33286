import { spawn } from "node:child_process";
import { mkdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The scikit-learn the triage baseline runs; changing it reinstalls the cached virtualenv. */
export const SCIKIT_LEARN_VERSION = "1.9.1";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
export const SKLEARN_VENV = path.join(repoRoot, ".cache", "sklearn-venv");
const MARKER = path.join(SKLEARN_VENV, ".agora-sklearn-version");
const LOCK = `${SKLEARN_VENV}.lock`;

const log = (message: string) => process.stderr.write(`[sklearn] ${message}\n`);

/**
 * The virtualenv's Python with scikit-learn at the pinned version, installed on first use the way the
 * Synapse venv is (packages/matrix/src/testing/synapse-install.ts), so that a fresh machine can run the bench.
 */
export async function ensureScikitLearnInstalled(): Promise<string> {
  const python = path.join(SKLEARN_VENV, "bin", "python");
  if ((await installedVersion()) === SCIKIT_LEARN_VERSION) return python;
  await withLock(async () => {
    if ((await installedVersion()) === SCIKIT_LEARN_VERSION) return;
    const started = Date.now();
    log(`installing scikit-learn ${SCIKIT_LEARN_VERSION} into ${SKLEARN_VENV}`);
    // A venv without the marker is a half-finished install or an old pin: start over.
    await rm(SKLEARN_VENV, { recursive: true, force: true });
    await run("python3", ["-m", "venv", SKLEARN_VENV]);
    await run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", `scikit-learn==${SCIKIT_LEARN_VERSION}`]);
    await writeFile(MARKER, SCIKIT_LEARN_VERSION);
    log(`installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
  return python;
}

async function installedVersion(): Promise<string | undefined> {
  return readFile(MARKER, "utf8").then((v) => v.trim(), () => undefined);
}

/** mkdir is atomic: two benches started at once install once. A lock whose owner is gone is taken over. */
async function withLock(work: () => Promise<void>): Promise<void> {
  await mkdir(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const pid = Number(await readFile(path.join(LOCK, "pid"), "utf8").catch(() => "0"));
    if (pid > 0 && !isAlive(pid)) {
      await rm(LOCK, { recursive: true, force: true });
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await writeFile(path.join(LOCK, "pid"), String(process.pid));
  try {
    await work();
  } finally {
    await rm(path.join(LOCK, "pid"), { force: true });
    await rmdir(LOCK);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
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

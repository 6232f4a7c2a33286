import { spawn } from "node:child_process";
import { mkdir, readFile, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";

/** The Synapse the tests run against; changing it reinstalls the cached virtualenv. */
export const SYNAPSE_VERSION = "1.163.2";

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
/** Shared by every package's tests and by CI, so Synapse is installed once per machine. */
export const SYNAPSE_VENV = path.join(repoRoot, ".cache", "synapse-venv");
const MARKER = path.join(SYNAPSE_VENV, ".agora-synapse-version");
const LOCK = `${SYNAPSE_VENV}.lock`;

function log(message: string): void {
  process.stderr.write(`[synapse] ${message}\n`);
}

/** The virtualenv's Python, with Synapse installed at the pinned version. */
export async function ensureSynapseInstalled(): Promise<string> {
  const python = path.join(SYNAPSE_VENV, "bin", "python");
  if (await installedVersion() === SYNAPSE_VERSION) return python;
  await withLock(async () => {
    // Another process may have installed it while this one waited for the lock.
    if (await installedVersion() === SYNAPSE_VERSION) return;
    const started = Date.now();
    log(`installing matrix-synapse ${SYNAPSE_VERSION} into ${SYNAPSE_VENV}`);
    // A venv without the marker is a half-finished install (or an old pin): start over.
    await rm(SYNAPSE_VENV, { recursive: true, force: true });
    await run("python3", ["-m", "venv", SYNAPSE_VENV]);
    await run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", `matrix-synapse==${SYNAPSE_VERSION}`]);
    await writeFile(MARKER, SYNAPSE_VERSION);
    log(`installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
  return python;
}

async function installedVersion(): Promise<string | undefined> {
  try {
    return (await readFile(MARKER, "utf8")).trim();
  } catch {
    return undefined;
  }
}

/**
 * mkdir is atomic, so it serves as a lock between test processes that start at once. The
 * owner's pid is written inside so that a lock left by a killed process can be taken over.
 */
async function withLock(work: () => Promise<void>): Promise<void> {
  await mkdir(path.dirname(LOCK), { recursive: true });
  let waitingSince: number | undefined;
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (await lockIsStale()) {
      log("taking over a lock left by a process that is gone");
      await rm(LOCK, { recursive: true, force: true });
      continue;
    }
    if (waitingSince === undefined) {
      waitingSince = Date.now();
      log("another process is installing Synapse; waiting for it");
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const owner = path.join(LOCK, "pid");
  await writeFile(owner, String(process.pid));
  try {
    await work();
  } finally {
    await rm(owner, { force: true });
    await rmdir(LOCK);
  }
}

async function lockIsStale(): Promise<boolean> {
  let pid: number;
  try {
    pid = Number(await readFile(path.join(LOCK, "pid"), "utf8"));
  } catch {
    // The owner made the directory but has not written its pid yet, or just removed it; a lock
    // that stays without a pid for a minute belongs to a process killed in between.
    const made = await stat(LOCK).then((info) => info.mtimeMs, () => Date.now());
    return Date.now() - made > 60_000;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) return resolve();
      const hint = command === "python3" && /ensurepip|venv/.test(stderr) ? " (install python3-venv)" : "";
      reject(new Error(`${command} ${args.join(" ")} failed (${signal ?? code})${hint}:\n${stderr.slice(-4000)}`));
    });
  });
}


import { spawn } from "node:child_process";
import { mkdir, readFile, rm, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

// The Python tools the tests and the bench run (Synapse, Schemathesis, scikit-learn) each live in a
// virtualenv under .cache/, installed from PyPI on first use at a pinned version, so a fresh
// machine needs nothing but python3. One installer for all three; it started with Synapse, which
// is why it lives in the Matrix package's testing helpers.

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));

export type PythonTool = {
  /** Names the venv (.cache/<name>-venv) and prefixes the log lines. */
  name: string;
  /** The PyPI distribution and its pinned version; another pin reinstalls the venv. */
  distribution: string;
  version: string;
};

export const venvOf = (tool: PythonTool) => path.join(repoRoot, ".cache", `${tool.name}-venv`);

/** The venv's directory, with the tool installed at its pinned version. */
export async function ensurePythonTool(tool: PythonTool): Promise<string> {
  const venv = venvOf(tool);
  const marker = path.join(venv, `.agora-${tool.name}-version`);
  const installed = () =>
    readFile(marker, "utf8").then(
      (v) => v.trim(),
      () => undefined,
    );
  const log = (message: string) => process.stderr.write(`[${tool.name}] ${message}\n`);
  if ((await installed()) === tool.version) return venv;
  await withLock(`${venv}.lock`, log, async () => {
    // Another process may have installed it while this one waited for the lock.
    if ((await installed()) === tool.version) return;
    const started = Date.now();
    log(`installing ${tool.distribution} ${tool.version} into ${venv}`);
    // A venv without the marker is a half-finished install (or an old pin): start over.
    await rm(venv, { recursive: true, force: true });
    await run("python3", ["-m", "venv", venv]);
    await run(path.join(venv, "bin", "python"), [
      "-m",
      "pip",
      "install",
      "--quiet",
      "--disable-pip-version-check",
      `${tool.distribution}==${tool.version}`,
    ]);
    await writeFile(marker, tool.version);
    log(`installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
  return venv;
}

/**
 * mkdir is atomic, so it serves as a lock between processes that start at once. The owner's pid is
 * written inside so that a lock left by a killed process can be taken over.
 */
async function withLock(lock: string, log: (message: string) => void, work: () => Promise<void>): Promise<void> {
  await mkdir(path.dirname(lock), { recursive: true });
  let waiting = false;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (await lockIsStale(lock)) {
      log("taking over a lock left by a process that is gone");
      await rm(lock, { recursive: true, force: true });
      continue;
    }
    if (!waiting) log("another process is installing it; waiting for it");
    waiting = true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const owner = path.join(lock, "pid");
  await writeFile(owner, String(process.pid));
  try {
    await work();
  } finally {
    await rm(owner, { force: true });
    await rmdir(lock);
  }
}

async function lockIsStale(lock: string): Promise<boolean> {
  let pid: number;
  try {
    pid = Number(await readFile(path.join(lock, "pid"), "utf8"));
  } catch {
    // The owner made the directory but has not written its pid yet, or just removed it; a lock
    // that stays without a pid for a minute belongs to a process killed in between.
    const made = await stat(lock).then(
      (info) => info.mtimeMs,
      () => Date.now(),
    );
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
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) return resolve();
      const hint = command === "python3" && /ensurepip|venv/.test(stderr) ? " (install python3-venv)" : "";
      reject(new Error(`${command} ${args.join(" ")} failed (${signal ?? code})${hint}:\n${stderr.slice(-4000)}`));
    });
  });
}

import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { openPglite, openPostgres } from "@agora/db";
import { createPostgresDatabase, dialects } from "@agora/db/testing";
import { describe, expect, it } from "vitest";

const workerScript = new URL("./fixtures/crash-worker.ts", import.meta.url).pathname;

/** A crash-worker process, and a way to wait for the lines it prints. */
function startWorker(target: string, mode: "hang" | "finish") {
  const child = spawn(process.execPath, [workerScript, target, mode], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  createInterface({ input: child.stdout }).on("line", (line) => {
    lines.push(line);
    for (const listener of listeners) listener();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    exited,
    line(expected: string, timeoutMs = 30_000): Promise<void> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!lines.includes(expected)) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(
            new Error(`no "${expected}" within ${timeoutMs} ms; printed ${JSON.stringify(lines)}; stderr: ${stderr}`),
          );
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
  };
}

// Both dialects at once: each spends most of its time waiting out the heartbeat.
describe.concurrent.each(dialects)("a job whose worker is killed, on %s", (dialect) => {
  it("runs again in a fresh worker once its heartbeat is missed", { timeout: 60_000 }, async () => {
    const postgres = dialect === "postgres" ? await createPostgresDatabase() : undefined;
    const pgliteDir = dialect === "pglite" ? await mkdtemp(join(tmpdir(), "agora-crash-")) : undefined;
    const target = postgres?.url ?? pgliteDir!;
    try {
      const first = startWorker(target, "hang");
      await first.line("started 1");
      first.child.kill("SIGKILL");
      await first.exited;
      const killedAt = Date.now();

      const second = startWorker(target, "finish");
      await second.line("completed 2");
      const recoveredAfter = Date.now() - killedAt;
      second.child.kill("SIGTERM");
      expect(await second.exited).toBe(0);

      // Given up on only once its 10 s heartbeat lapsed (measured from the fetch, just before the
      // kill); then within a supervise pass (1 s), a retry delay (1-2 s), a poll and a start-up.
      expect(recoveredAfter).toBeGreaterThan(8_000);
      expect(recoveredAfter).toBeLessThan(25_000);

      const db = postgres ? await openPostgres(postgres.url) : await openPglite(pgliteDir);
      try {
        const steps = await db.query<{ event: string; attempt: number }>(
          "select event, attempt from crash_progress order by step",
        );
        expect(steps).toEqual([
          { event: "started", attempt: 1 },
          { event: "started", attempt: 2 },
          { event: "completed", attempt: 2 },
        ]);
      } finally {
        await db.close();
      }
    } finally {
      await postgres?.drop();
      if (pgliteDir) await rm(pgliteDir, { recursive: true, force: true });
    }
  });
});

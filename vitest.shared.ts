import { defineConfig } from "vitest/config";

/**
 * The time budgets of every package's tests, said once. A budget only ends a test that hangs:
 * tests wait for what they expect through waitFor, with deadlines of their own, and assert no
 * wall-clock time. A test gets 60 s and a hook 120 s, since a hook opens databases, starts
 * Chromium or a whole system, which takes seconds alone and several times that with the suite on
 * two cores. A homeserver (Synapse, installed from PyPI on a machine's first run) gets 300 s.
 * End-to-end tests start whole processes: 180 s a test, and one file at a time, so that five
 * child processes never compete with another file's five.
 */
export function agoraTestConfig(kind: "unit" | "synapse" | "processes" = "unit") {
  if (kind === "processes")
    return defineConfig({ test: { testTimeout: 180_000, hookTimeout: 120_000, fileParallelism: false } });
  if (kind === "synapse") return defineConfig({ test: { testTimeout: 300_000, hookTimeout: 300_000 } });
  return defineConfig({ test: { testTimeout: 60_000, hookTimeout: 120_000 } });
}

import { defineConfig } from "vitest/config";

// These tests start whole processes; they get the time that takes, and run one file at a time
// so that five child processes never compete with another file's five on two cores.
export default defineConfig({
  test: { testTimeout: 180_000, hookTimeout: 60_000, fileParallelism: false },
});

import { defineConfig } from "vitest/config";

// These tests start the whole system or the command itself; they get the time that takes.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 30_000 } });

import { defineConfig } from "vitest/config";

// Training on a few thousand reports takes a second or two alone, many times that under CI's parallel load.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 120_000 } });

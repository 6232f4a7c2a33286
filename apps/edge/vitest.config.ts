import { defineConfig } from "vitest/config";

// Each test opens a database of its own; under CI's parallel load that can take seconds.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 30_000 } });

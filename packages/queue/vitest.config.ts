import { defineConfig } from "vitest/config";

// Jobs wait out real retry delays and a heartbeat timeout, so tests take seconds, not milliseconds.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 30_000 } });

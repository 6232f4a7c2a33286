import { defineConfig } from "vitest/config";

// Each test opens a database of its own, and the browser tests start a headless Chromium: under
// CI's parallel load either can take many seconds.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 300_000 } });

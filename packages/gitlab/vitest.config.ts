import { defineConfig } from "vitest/config";

// Tests make real HTTP calls to a fake GitLab on loopback; generous limits keep a busy CI machine green.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 30_000 } });

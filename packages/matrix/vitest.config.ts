import { defineConfig } from "vitest/config";

// The first run on a machine installs Synapse from PyPI, and each test file starts a homeserver.
export default defineConfig({ test: { testTimeout: 300_000, hookTimeout: 300_000 } });

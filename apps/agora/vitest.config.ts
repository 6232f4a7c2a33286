import { defineConfig } from "vitest/config";

// These tests start the whole system or the command itself. Building a system on a new PGlite
// took 5 s alone and 25 s while the rest of the suite ran on the same two cores, so the hooks
// get a margin over that; the tests themselves wait for events with deadlines of their own.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 120_000 } });

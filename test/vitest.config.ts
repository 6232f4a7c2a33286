import { agoraTestConfig } from "../vitest.shared.ts";

// These tests start whole processes.
export default agoraTestConfig("processes");

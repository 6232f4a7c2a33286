import { agoraTestConfig } from "../../vitest.shared.ts";

// These tests start the whole system or the command itself.
export default agoraTestConfig();

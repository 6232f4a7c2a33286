import { agoraTestConfig } from "../../vitest.shared.ts";

// Each test opens a database of its own.
export default agoraTestConfig();

import { agoraTestConfig } from "../../vitest.shared.ts";

// Tests make real HTTP calls to a fake GitLab on loopback.
export default agoraTestConfig();

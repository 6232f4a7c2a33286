import { agoraTestConfig } from "../../vitest.shared.ts";

// Each test file starts a homeserver.
export default agoraTestConfig("synapse");

import { agoraTestConfig } from "../../vitest.shared.ts";

// The sending and bot tests start a homeserver.
export default agoraTestConfig("synapse");

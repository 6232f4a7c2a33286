import { agoraTestConfig } from "../../vitest.shared.ts";

// The bridge's room test starts a homeserver.
export default agoraTestConfig("synapse");

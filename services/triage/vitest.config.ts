import { agoraTestConfig } from "../../vitest.shared.ts";

// The rooms test starts a homeserver; training takes a second or two.
export default agoraTestConfig("synapse");

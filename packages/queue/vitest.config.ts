import { agoraTestConfig } from "../../vitest.shared.ts";

// Jobs wait out real retry delays and a heartbeat timeout.
export default agoraTestConfig();

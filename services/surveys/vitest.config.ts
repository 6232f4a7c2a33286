import { agoraTestConfig } from "../../vitest.shared.ts";

// Each test opens a database of its own; the browser tests start a headless Chromium.
export default agoraTestConfig();

import { agoraTestConfig } from "../../vitest.shared.ts";

// Each test opens a database of its own, on PGlite and PostgreSQL.
export default agoraTestConfig();

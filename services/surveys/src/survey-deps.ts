import type { BlockList } from "node:net";
import type { Database } from "@agora/db";
import type { Logger } from "@agora/http";

/** What the survey routes need, carried in the app's one `deps` variable. */
export interface SurveyDeps {
  db: Database;
  surveys: SurveyContext;
}

export interface SurveyContext {
  /** sha256 (hex) of every admin bearer token: from the community file and `AGORA_ADMIN_TOKEN`. */
  adminTokenSha256s: readonly string[];
  /** Where members reach Agora, for links in Matrix messages. */
  publicUrl: string;
  logger: Logger;
  /** Reverse proxies whose X-Forwarded-For names the member's address (for rate limits only). */
  trustedProxies?: BlockList;
  /** The time; a parameter so tests can move past a survey's close. */
  now(): Date;
}

import type { GitlabApi } from "@agora/gitlab";
import type { Community } from "@agora/schemas";

export interface ActionsLogger {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
}

/** What the GitLab write verbs need; built once per worker, never at module scope. */
export interface ActionsContext {
  gitlab: GitlabApi;
  /** The bot's GitLab account, named in its notes so people know who to talk back to. */
  botUsername: string;
  community: Community;
  logger: ActionsLogger;
  /**
   * The longest GitLab's `Retry-After` is waited out within one attempt, in all: five minutes by
   * default (a job may run 15), less where a person waits for the answer (chat).
   */
  retryAfterLimitMs?: number;
}

/**
 * What a write verb did; `dropped` when the issue is gone, `skipped` when a person already decided.
 * `confidential` is what GitLab said when the verb read the issue: newer than the job's copy.
 */
export type ActionResult =
  | { status: "routed"; sig: string; labels: string[]; assignee: string | null; note: string; confidential?: boolean }
  | { status: "asked"; labels: string[]; note: string; confidential?: boolean }
  | { status: "info-requested"; labels: string[]; note: string }
  | { status: "skipped"; reason: string }
  | { status: "dropped"; reason: string };

/** The bot's GitLab account as its notes name it: the community file's, or `agora-bot`. */
export function botUsername(community: Community): string {
  return community.gitlab?.bot_username ?? "agora-bot";
}

export const NEEDS_TRIAGE_LABEL = "needs-triage";
export const NEEDS_INFO_LABEL = "needs-info";

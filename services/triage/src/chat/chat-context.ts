import type { Sql } from "@agora/db";
import type { GitlabApi } from "@agora/gitlab";
import type { Community, NotifySend } from "@agora/schemas";
import type { ActionsLogger } from "../actions/actions-context.ts";
import type { IssueRef } from "./issue-ref.ts";

/** What the triage chat commands act with. */
export interface TriageChatContext {
  gitlab: GitlabApi;
  /** GitLab's web address, for the links in answers (`<url>/group/project/-/issues/12`). */
  gitlabUrl: string;
  community: Community;
  db: Sql;
  /** Leads and triagers of the community file; the notifier's `createPermissions(community)` fits. */
  permissions: { isSigStaff(userId: string, sigId?: string): boolean };
  logger: ActionsLogger;
  /** Project ids by `group/project`; a path not here is looked up through GitLab. */
  projectsByPath?: Record<string, number>;
  /**
   * Sends messages to SIG rooms (a bug moved from chat is told to both SIGs); the wiring hands
   * the durable queue's notify jobs. Without it, only the command's answer is sent.
   */
  notify?: (jobs: NotifySend[]) => Promise<void>;
}

/** An answer with its HTML, which links what the text names. */
export interface ChatAnswer {
  body: string;
  html?: string;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** An issue's page: the same one GitLab links to from its webhooks. */
export const issueUrl = (ctx: TriageChatContext, ref: IssueRef) =>
  `${ctx.gitlabUrl.replace(/\/+$/, "")}/${ref.path}/-/issues/${ref.iid}`;

/** The project's id for a path: from the wiring's table when it has it, otherwise asked of GitLab. */
export async function projectIdOf(ctx: TriageChatContext, path: string): Promise<number | null> {
  return ctx.projectsByPath?.[path] ?? (await ctx.gitlab.findProjectId(path));
}

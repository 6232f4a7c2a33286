import { listRecentDecisions, saveTriageCorrection, saveTriageDecision, type QueuedDecision, type Sql } from "@agora/db";
import { createGitlabApi, GitlabCallError, type GitlabApi, type GitlabApiOptions, type GitlabIssue } from "@agora/gitlab";
import type { Community } from "@agora/schemas";
import type { ActionsContext, ActionsLogger } from "../actions/actions-context.ts";
import { applyRouting } from "../actions/apply-routing.ts";
import { requestMissingInfo } from "../actions/request-missing-info.ts";
import { findSigLabel, quiet, sigLabel } from "../actions/sig-routing.ts";
import { chatFailureText } from "./chat-failure.ts";
import { parseIssueRef, type IssueRef } from "./issue-ref.ts";

/** The slice of the bot's command router triage needs; the notifier's `CommandRouter` fits it. */
export interface ChatCommandRouter {
  register(command: {
    name: string;
    summary: string;
    usage?: string;
    handle(input: { args: string[]; sender: string; reply(body: string): Promise<void> }): Promise<void>;
  }): void;
}

/** What the commands act with; the app gives the GitLab connection, as it does to the worker. */
export interface TriageChatOptions extends Omit<TriageChatContext, "gitlab"> {
  gitlab: GitlabApiOptions;
}

interface TriageChatContext {
  gitlab: GitlabApi;
  community: Community;
  db: Sql;
  /** Leads and triagers of the community file; the notifier's `createPermissions(community)` fits. */
  permissions: { isSigStaff(userId: string, sigId?: string): boolean };
  logger: ActionsLogger;
  /** Project ids by `group/project`; a path not here is looked up through GitLab. */
  projectsByPath?: Record<string, number>;
}

const USAGE = "<issue> sig <id> | <issue> needs-info [what is missing, comma separated] | queue [sig]";
const QUEUE_LIMIT = 10;

/** Registers `!agora triage …`: route an issue, ask its reporter for more, or list the queue. */
export function registerTriageCommands({ router, ctx: options }: { router: ChatCommandRouter; ctx: TriageChatOptions }): void {
  const ctx: TriageChatContext = { ...options, gitlab: createGitlabApi(options.gitlab) };
  router.register({
    name: "triage",
    summary: "route a GitLab issue to a SIG, ask its reporter for more, or list the triage queue",
    usage: USAGE,
    handle: async ({ args, sender, reply }) => reply(await runTriage({ ctx, input: { args, sender } })),
  });
}

/** Answers one `!agora triage` command with the text to reply. */
async function runTriage({ ctx, input }: { ctx: TriageChatContext; input: { args: string[]; sender: string } }): Promise<string> {
  const [first, verb, ...rest] = input.args;
  if (first === "queue") return listQueue({ ctx, input: { sig: verb } });
  if (!first || (verb !== "sig" && verb !== "needs-info")) return `Usage: !agora triage ${USAGE}`;
  // Refused before anything is parsed or fetched: someone without the role learns nothing about issues.
  if (!ctx.permissions.isSigStaff(input.sender)) {
    return "Sorry, only the leads and triagers named in the community file can change an issue's triage. Ask one of your SIG's leads.";
  }
  const ref = parseIssueRef(first, ctx.community);
  if ("error" in ref) return `${ref.error}.\nUsage: !agora triage ${USAGE}`;
  const name = `${ref.path}#${ref.iid}`;
  try {
    if (verb === "sig") return await routeFromChat({ ctx, input: { ref, name, sigId: rest[0], sender: input.sender } });
    return await needsInfoFromChat({ ctx, input: { ref, name, missing: rest.join(" ") } });
  } catch (error) {
    return chatFailureText(error, name);
  }
}

async function routeFromChat({
  ctx,
  input,
}: {
  ctx: TriageChatContext;
  input: { ref: IssueRef; name: string; sigId: string | undefined; sender: string };
}): Promise<string> {
  const sig = ctx.community.sigs.find((candidate) => candidate.id === input.sigId);
  if (!sig) {
    const known = ctx.community.sigs.map((candidate) => candidate.id).join(", ");
    return `${input.sigId ? `There is no SIG "${input.sigId}"` : "Which SIG?"}; the SIGs are: ${known}.\nUsage: !agora triage <issue> sig <id>`;
  }
  const issue = await fetchIssue(ctx, input.ref);
  const label = sigLabel(sig);
  const existing = findSigLabel(ctx.community, issue.labels);
  // A lead or triager moving a bug to another SIG from chat is a person's decision: the old SIG
  // label goes, so that routing (which never overrides a SIG label) can put the new one on.
  if (existing && existing !== label) await ctx.gitlab.removeLabels(issue.projectId, issue.iid, [existing]);
  const result = await applyRouting({
    ctx: actionsContext(ctx),
    input: {
      projectId: issue.projectId,
      issueIid: issue.iid,
      decision: { sig: sig.id, confidence: 1, reasons: [`set by ${input.sender} from chat`] },
      mode: "act",
    },
  });
  if (result.status === "dropped") return `${input.name} is gone from GitLab (deleted, or moved).`;
  if (result.status !== "routed") return `Nothing changed on ${input.name}: ${result.status === "skipped" ? result.reason : result.status}.`;
  // A correction marks the issue as a person's: the worker never routes it again, and it is training data.
  await saveTriageCorrection(ctx.db, {
    projectId: issue.projectId,
    issueIid: issue.iid,
    title: issue.title,
    description: issue.description,
    sig: sig.id,
    correctedBy: input.sender,
  });
  await saveTriageDecision(ctx.db, {
    projectId: issue.projectId,
    issueIid: issue.iid,
    sig: sig.id,
    confidence: 1,
    mode: "act",
    reasons: [`set by ${input.sender} from chat`],
    confidential: issue.confidential,
    title: issue.title,
  });
  const assigned = result.assignee ? ` and assigned it to ${result.assignee}` : "";
  const replaced = existing && existing !== label ? ` in place of ${existing}` : "";
  return `Routed ${input.name} to ${sig.name}: added ${label}${replaced}${assigned}. The bot will not change it back.`;
}

async function needsInfoFromChat({
  ctx,
  input,
}: {
  ctx: TriageChatContext;
  input: { ref: IssueRef; name: string; missing: string };
}): Promise<string> {
  const issue = await fetchIssue(ctx, input.ref);
  const listed = input.missing.split(",").map((item) => item.trim()).filter(Boolean);
  const missing = listed.length > 0 ? listed : ["the steps to reproduce, what you expected, and what happened instead"];
  const result = await requestMissingInfo({ ctx: actionsContext(ctx), input: { projectId: issue.projectId, issueIid: issue.iid, missing } });
  if (result.status === "dropped") return `${input.name} is gone from GitLab (deleted, or moved).`;
  return `Asked the reporter of ${input.name} for: ${missing.join("; ")} (labelled needs-info).`;
}

async function listQueue({ ctx, input }: { ctx: TriageChatContext; input: { sig: string | undefined } }): Promise<string> {
  const sig = input.sig === undefined ? undefined : ctx.community.sigs.find((candidate) => candidate.id === input.sig);
  if (input.sig !== undefined && !sig) {
    return `There is no SIG "${input.sig}"; the SIGs are: ${ctx.community.sigs.map((s) => s.id).join(", ")}.`;
  }
  const decisions = await listRecentDecisions(ctx.db, { sig: sig?.id, limit: QUEUE_LIMIT });
  const scope = sig ? sig.name : "all SIGs";
  if (decisions.length === 0) return `No triaged or untriaged issues recorded for ${scope}.`;
  const paths = Object.fromEntries(Object.entries(ctx.projectsByPath ?? {}).map(([path, id]) => [id, path]));
  const titles = await Promise.all(decisions.map((d) => publicTitle(ctx, d)));
  const lines = decisions.map((d, i) => {
    const where = `${paths[d.projectId] ?? `project ${d.projectId}`}#${d.issueIid}`;
    const state = d.mode === "ask" ? `untriaged, best guess ${d.sig}` : `routed to ${d.sig}`;
    const what = d.confidential ? "a confidential issue" : (titles[i] ?? "(title unavailable)");
    return `- ${where} ${what}: ${state} (${Math.round(d.confidence * 100)}%)`;
  });
  return [`Triage queue for ${scope}, newest first:`, ...lines].join("\n");
}

/**
 * The decisions table holds no titles, so they are read from GitLab; a confidential issue's is
 * never read (the room may be public), and a title GitLab cannot give is left out, not an error.
 */
async function publicTitle(ctx: TriageChatContext, d: QueuedDecision): Promise<string | undefined> {
  if (d.confidential) return undefined;
  // Decisions keep the title; only older ones send us to GitLab for it.
  if (d.title) return quiet(d.title);
  try {
    return quiet((await ctx.gitlab.getIssue(d.projectId, d.issueIid)).title);
  } catch (error) {
    if (error instanceof GitlabCallError) return undefined;
    throw error;
  }
}

/**
 * Finds the issue by its project's id when known; otherwise by its path, which GitLab's API
 * takes wherever it takes an id (gitbeaker encodes it), and the answer carries the numeric id.
 */
async function fetchIssue(ctx: TriageChatContext, ref: IssueRef): Promise<GitlabIssue> {
  const projectId = ctx.projectsByPath?.[ref.path] ?? (ref.path as unknown as number);
  return ctx.gitlab.getIssue(projectId, ref.iid);
}

function actionsContext(ctx: TriageChatContext): ActionsContext {
  // A person waits for the answer in the room: a longer rate limit fails the command instead.
  return { gitlab: ctx.gitlab, community: ctx.community, logger: ctx.logger, botUsername: ctx.community.gitlab?.bot_username ?? "agora-bot", retryAfterLimitMs: 10_000 };
}

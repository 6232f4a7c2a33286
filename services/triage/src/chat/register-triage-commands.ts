import { findMatrixMessage, findTriageDecision, saveTriageCorrection, saveTriageDecision } from "@agora/db";
import { createGitlabApi, type GitlabApiOptions, type GitlabIssue } from "@agora/gitlab";
import type { NotifySend, Sig } from "@agora/schemas";
import { botUsername, NEEDS_TRIAGE_LABEL, type ActionsContext } from "../actions/actions-context.ts";
import { applyRouting } from "../actions/apply-routing.ts";
import { requestMissingInfo } from "../actions/request-missing-info.ts";
import { escapeUserText, findSigLabel, sigAssignee, sigLabel } from "../actions/sig-routing.ts";
import { escapeHtml, issueUrl, type ChatAnswer, type TriageChatContext } from "./chat-context.ts";
import { chatFailureText } from "./chat-failure.ts";
import { explainDecision } from "./explain-decision.ts";
import { parseIssueRef, type IssueRef } from "./issue-ref.ts";
import { triageMessageKey } from "../consumers/routing-message.ts";
import { listQueue } from "./list-queue.ts";

/** The slice of the bot's command router triage needs; the notifier's `CommandRouter` fits it. */
export interface ChatCommandRouter {
  register(command: {
    name: string;
    summary: string;
    usage?: string;
    examples?: string[];
    handle(input: {
      args: string[];
      sender: string;
      eventId?: string;
      reply(body: string, html?: string): Promise<void>;
    }): Promise<void>;
  }): void;
}

/** What the commands act with; the app gives the GitLab connection, as it does to the worker. */
export interface TriageChatOptions extends Omit<TriageChatContext, "gitlab" | "gitlabUrl"> {
  gitlab: GitlabApiOptions;
}

const USAGE = "<issue> sig <id> | <issue> needs-info [what is missing, comma separated] | why <issue> | queue [sig]";

/** Registers `!agora triage …`: route an issue, ask its reporter for more, explain a decision, or list the queue. */
export function registerTriageCommands({
  router,
  ctx: options,
}: {
  router: ChatCommandRouter;
  ctx: TriageChatOptions;
}): void {
  const ctx: TriageChatContext = { ...options, gitlab: createGitlabApi(options.gitlab), gitlabUrl: options.gitlab.url };
  router.register({
    name: "triage",
    summary:
      "route a GitLab issue to a SIG, ask its reporter for more, say why the bot chose, or list what waits for a SIG",
    usage: USAGE,
    examples: ["!triage group/project#12 sig cloud", "!triage why group/project#12"],
    handle: async ({ args, sender, eventId, reply }) => {
      const answer = await runTriage({ ctx, input: { args, sender, eventId } });
      await reply(answer.body, answer.html);
    },
  });
}

/** Answers one `!agora triage` command. */
async function runTriage({
  ctx,
  input,
}: {
  ctx: TriageChatContext;
  input: { args: string[]; sender: string; eventId: string | undefined };
}): Promise<ChatAnswer> {
  const [first, verb, ...rest] = input.args;
  if (first === "queue") return listQueue({ ctx, input: { sig: verb } });
  if (first === "why") {
    if (!verb) return { body: "Which issue? !triage why group/project#12" };
    const ref = parseIssueRef(verb, ctx.community);
    if ("error" in ref) return { body: `${ref.error}.` };
    return guarded(`${ref.path}#${ref.iid}`, (name) => explainDecision({ ctx, input: { ref, name } }));
  }
  if (!first || (verb !== "sig" && verb !== "needs-info")) return { body: `Usage: !agora triage ${USAGE}` };
  // Refused before anything is parsed or fetched: someone without the role learns nothing about issues.
  if (!ctx.permissions.isSigStaff(input.sender)) {
    return {
      body: "Sorry, only the leads and triagers named in the community file can change an issue's triage. Ask one of your SIG's leads.",
    };
  }
  const ref = parseIssueRef(first, ctx.community);
  if ("error" in ref) return { body: `${ref.error}.\nUsage: !agora triage ${USAGE}` };
  return guarded(`${ref.path}#${ref.iid}`, async (name) => {
    if (verb === "sig")
      return routeFromChat({ ctx, input: { ref, name, sigId: rest[0], sender: input.sender, eventId: input.eventId } });
    return needsInfoFromChat({ ctx, input: { ref, name, missing: rest.join(" ") } });
  });
}

async function guarded(name: string, run: (name: string) => Promise<ChatAnswer>): Promise<ChatAnswer> {
  try {
    return await run(name);
  } catch (error) {
    return { body: chatFailureText(error, name) };
  }
}

/**
 * A lead or triager routing a bug from chat, or moving it to another SIG: a person's decision.
 * The old SIG's label, `needs-triage` and the old SIG's triager (when the bot had assigned them)
 * go, so that routing (which never overrides a SIG label or a person's assignee) puts the new
 * SIG's on; both rooms are told in one line each; the correction keeps the bot off it for good.
 */
async function routeFromChat({
  ctx,
  input,
}: {
  ctx: TriageChatContext;
  input: { ref: IssueRef; name: string; sigId: string | undefined; sender: string; eventId: string | undefined };
}): Promise<ChatAnswer> {
  const sig = ctx.community.sigs.find((candidate) => candidate.id === input.sigId);
  if (!sig) {
    const known = ctx.community.sigs.map((candidate) => candidate.id).join(", ");
    return {
      body: `${input.sigId ? `There is no SIG "${input.sigId}"` : "Which SIG?"}; the SIGs are: ${known}.\nUsage: !agora triage <issue> sig <id>`,
    };
  }
  const issue = await fetchIssue(ctx, input.ref);
  // The bot's question in the triage room, if it asked and the question went out: answered below.
  const before = await findTriageDecision(ctx.db, issue.projectId, issue.iid);
  const questionKey =
    before?.mode === "ask" ? triageMessageKey(issue.projectId, issue.iid, "ask", before.sig) : undefined;
  const question = questionKey && (await findMatrixMessage(ctx.db, questionKey))?.eventId ? questionKey : undefined;
  const label = sigLabel(sig);
  const existing = findSigLabel(ctx.community, issue.labels);
  const oldSig =
    existing && existing !== label ? ctx.community.sigs.find((s) => s.gitlab.labels.includes(existing)) : undefined;
  const stale = [
    ...(existing && existing !== label ? [existing] : []),
    ...(issue.labels.includes(NEEDS_TRIAGE_LABEL) ? [NEEDS_TRIAGE_LABEL] : []),
  ];
  if (stale.length) await ctx.gitlab.removeLabels(issue.projectId, issue.iid, stale);
  // The old SIG's triager, alone on the issue, is who the bot assigned: a person's choice of
  // assignee looks different and is kept.
  const botAssigned = oldSig && issue.assignees.length === 1 && issue.assignees[0]?.username === sigAssignee(oldSig);
  if (botAssigned) await ctx.gitlab.setAssignees(issue.projectId, issue.iid, []);
  const result = await applyRouting({
    ctx: actionsContext(ctx),
    input: {
      projectId: issue.projectId,
      issueIid: issue.iid,
      decision: { sig: sig.id, confidence: 1, reasons: [`set by ${input.sender} from chat`] },
      mode: "act",
    },
  });
  if (result.status === "dropped") return { body: `${input.name} is gone from GitLab (deleted, or moved).` };
  if (result.status !== "routed")
    return {
      body: `Nothing changed on ${input.name}: ${result.status === "skipped" ? result.reason : result.status}.`,
    };
  // A correction marks the issue as a person's: the worker never routes it again, and it is training data.
  await saveTriageCorrection(ctx.db, {
    projectId: issue.projectId,
    issueIid: issue.iid,
    title: issue.title,
    description: issue.description,
    sig: sig.id,
    correctedBy: input.sender,
  });
  const url = issueUrl(ctx, input.ref);
  await saveTriageDecision(ctx.db, {
    projectId: issue.projectId,
    issueIid: issue.iid,
    sig: sig.id,
    confidence: 1,
    mode: "act",
    reasons: [`set by ${input.sender} from chat`],
    confidential: issue.confidential,
    title: issue.title,
    url,
    projectPath: input.ref.path,
  });
  const told = moveMessages({
    ctx,
    input: { issue, name: input.name, url, sender: input.sender, to: sig, from: oldSig, eventId: input.eventId },
  });
  const room = ctx.community.matrix?.triage_room;
  if (question && room)
    told.push(
      answeredQuestion({
        ctx,
        input: { issue, name: input.name, url, sender: input.sender, to: sig, room, questionKey: question },
      }),
    );
  await ctx.notify?.(told);
  const assigned = result.assignee ? ` and assigned it to ${result.assignee}` : "";
  const removed = stale.length ? ` in place of ${stale.join(" and ")}` : "";
  const rest = ` to ${sig.name}: added ${label}${removed}${assigned}. The bot will not change it back.`;
  return {
    body: `Routed ${input.name}${rest}`,
    html: `Routed <a href="${escapeHtml(url)}">${escapeHtml(input.name)}</a>${escapeHtml(rest)}`,
  };
}

/** One line for the new SIG's room and, for a move, one for the old SIG's; a confidential issue by its link only. */
function moveMessages({
  ctx,
  input,
}: {
  ctx: TriageChatContext;
  input: {
    issue: GitlabIssue;
    name: string;
    url: string;
    sender: string;
    to: Sig;
    from: Sig | undefined;
    eventId: string | undefined;
  };
}): NotifySend[] {
  const { issue, name, url, to, from } = input;
  const who = escapeUserText(memberName(ctx, input.sender));
  const what = issue.confidential
    ? {
        text: `a confidential issue, ${name}`,
        html: `a confidential issue, <a href="${escapeHtml(url)}">${escapeHtml(name)}</a>`,
      }
    : {
        text: `${name} "${escapeUserText(issue.title)}"`,
        html: `<a href="${escapeHtml(url)}">${escapeHtml(name)}</a> "${escapeHtml(escapeUserText(issue.title))}"`,
      };
  // The command's event names the move: a redelivered command is one message per room.
  const key = (room: string) =>
    `gitlab:triage-chat:${issue.projectId}:${issue.iid}:${from?.id ?? "none"}:${to.id}:${room}:${input.eventId ?? Date.now()}`;
  const line = (sig: Sig, text: string, html: string): NotifySend => ({
    action: "send",
    dedupeKey: key(sig.id),
    room: sig.room,
    body: `${sig.name}: ${text} ${url}`,
    html: `<b>${escapeHtml(sig.name)}</b>: ${html}`,
  });
  const messages = [
    line(
      to,
      `${who} moved ${what.text} here${from ? ` from ${from.name}` : ""}`,
      `${escapeHtml(who)} moved ${what.html} here${from ? ` from ${escapeHtml(from.name)}` : ""}`,
    ),
  ];
  if (from && from.room !== to.room)
    messages.push(
      line(
        from,
        `${who} moved ${what.text} to ${to.name}`,
        `${escapeHtml(who)} moved ${what.html} to ${escapeHtml(to.name)}`,
      ),
    );
  return messages;
}

/** The triage room's question edited to its answer, so nobody there picks it up again. */
function answeredQuestion({
  ctx,
  input,
}: {
  ctx: TriageChatContext;
  input: { issue: GitlabIssue; name: string; url: string; sender: string; to: Sig; room: string; questionKey: string };
}): NotifySend {
  const who = escapeUserText(memberName(ctx, input.sender));
  const title = input.issue.confidential ? "a confidential issue, " : "";
  const quoted = input.issue.confidential ? "" : ` "${escapeUserText(input.issue.title)}"`;
  return {
    action: "send",
    dedupeKey: `${input.questionKey}:answered:${input.to.id}`,
    room: input.room,
    replaces: input.questionKey,
    body: `Placed: ${who} routed ${title}${input.name}${quoted} to ${input.to.name} ${input.url}`,
    html: `<b>Placed</b>: ${escapeHtml(who)} routed ${escapeHtml(title)}<a href="${escapeHtml(input.url)}">${escapeHtml(input.name)}</a>${escapeHtml(quoted)} to ${escapeHtml(input.to.name)}`,
  };
}

/** The person's GitLab name when the community file knows them, else their Matrix id. */
function memberName(ctx: TriageChatContext, matrixId: string): string {
  const member = ctx.community.sigs.flatMap((s) => [...s.leads, ...s.triagers]).find((m) => m.matrix === matrixId);
  return member?.gitlab ?? matrixId;
}

async function needsInfoFromChat({
  ctx,
  input,
}: {
  ctx: TriageChatContext;
  input: { ref: IssueRef; name: string; missing: string };
}): Promise<ChatAnswer> {
  const issue = await fetchIssue(ctx, input.ref);
  const listed = input.missing
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  const missing = listed.length > 0 ? listed : ["the steps to reproduce, what you expected, and what happened instead"];
  const result = await requestMissingInfo({
    ctx: actionsContext(ctx),
    input: { projectId: issue.projectId, issueIid: issue.iid, missing },
  });
  if (result.status === "dropped") return { body: `${input.name} is gone from GitLab (deleted, or moved).` };
  return { body: `Asked the reporter of ${input.name} for: ${missing.join("; ")} (labelled needs-info).` };
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
  return {
    gitlab: ctx.gitlab,
    community: ctx.community,
    logger: ctx.logger,
    botUsername: botUsername(ctx.community),
    retryAfterLimitMs: 10_000,
  };
}

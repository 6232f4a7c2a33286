import { listRecentDecisions, type QueuedDecision } from "@agora/db";
import { GitlabCallError } from "@agora/gitlab";
import { escapeUserText } from "../actions/sig-routing.ts";
import { escapeHtml, type ChatAnswer, type TriageChatContext } from "./chat-context.ts";
import { parseIssueRef } from "./issue-ref.ts";
import { percent } from "../routing/percent.ts";

const QUEUE_LIMIT = 10;

/**
 * `!triage queue [sig]`: the open questions (bugs the bot would not route alone and no person
 * has routed since), newest first, each with a reference `!triage` takes back and the command
 * for the bot's best guess, ready to copy. A SIG narrows it to the questions it is the best guess for.
 */
export async function listQueue({
  ctx,
  input,
}: {
  ctx: TriageChatContext;
  input: { sig: string | undefined };
}): Promise<ChatAnswer> {
  const sig = input.sig === undefined ? undefined : ctx.community.sigs.find((candidate) => candidate.id === input.sig);
  if (input.sig !== undefined && !sig) {
    return { body: `There is no SIG "${input.sig}"; the SIGs are: ${ctx.community.sigs.map((s) => s.id).join(", ")}.` };
  }
  const decisions = await listRecentDecisions(ctx.db, { sig: sig?.id, limit: QUEUE_LIMIT, waiting: true });
  const scope = sig ? sig.name : "all SIGs";
  if (decisions.length === 0) return { body: `Nothing waits for a person in ${scope}.` };
  const projectPath = projectPaths(ctx);
  const [titles, paths] = await Promise.all([
    Promise.all(decisions.map((d) => publicTitle(ctx, d))),
    Promise.all(decisions.map((d) => projectPath(d))),
  ]);
  const lines = decisions.map((d, i) => {
    const path = paths[i];
    // Without its path the bot cannot name the issue as !triage reads it: the issue's page is
    // what a lead can still open and copy; an id alone (`project 3#7`) is what !triage refuses.
    const ref = path
      ? `${path}#${d.issueIid}`
      : d.url || `issue ${d.issueIid} of project ${d.projectId} (GitLab did not say its path)`;
    const what = d.confidential
      ? "a confidential issue"
      : titles[i] === undefined
        ? "(title unavailable)"
        : `"${titles[i]}"`;
    const guess = d.suggestions[0] ?? (d.sig ? { sig: d.sig, confidence: d.confidence } : undefined);
    const guessSig = guess && ctx.community.sigs.find((s) => s.id === guess.sig);
    const command = path ? `!triage ${ref} sig ${guessSig ? guessSig.id : "<id>"}` : undefined;
    const state = guess && guessSig ? `best guess ${guessSig.name} ${percent(guess.confidence)}` : "no guess";
    const link = d.url ? `<a href="${escapeHtml(d.url)}">${escapeHtml(ref)}</a>` : escapeHtml(ref);
    return {
      text: `- ${ref} ${what}: ${state}${command ? `. ${command}` : ""}`,
      html: `<li>${link} ${escapeHtml(what)}: ${escapeHtml(state)}${command ? `. <code>${escapeHtml(command)}</code>` : ""}</li>`,
    };
  });
  const heading = `Waiting for a SIG in ${scope}, newest first:`;
  return {
    body: [heading, ...lines.map((l) => l.text)].join("\n"),
    html: `${escapeHtml(heading)}<ul>${lines.map((l) => l.html).join("")}</ul>`,
  };
}

/**
 * Where a decision's issue lives, as `!triage` reads it: recorded with the decision (since
 * migration 0012), read from its link, known from the wiring, or, for an older decision with an
 * odd link, asked of GitLab (once per project per listing). Undefined when GitLab cannot say.
 */
function projectPaths(ctx: TriageChatContext): (d: QueuedDecision) => Promise<string | undefined> {
  const wired = new Map(Object.entries(ctx.projectsByPath ?? {}).map(([path, id]) => [id, path]));
  const asked = new Map<number, Promise<string | undefined>>();
  const ask = async (projectId: number) => {
    try {
      return (await ctx.gitlab.findProjectPath(projectId)) ?? undefined;
    } catch (error) {
      if (error instanceof GitlabCallError) return undefined;
      throw error;
    }
  };
  return async (d) => {
    const known = d.projectPath || pathFromUrl(d.url, ctx) || wired.get(d.projectId);
    if (known) return known;
    if (!asked.has(d.projectId)) asked.set(d.projectId, ask(d.projectId));
    return asked.get(d.projectId);
  };
}

/** `group/project` from an issue's page, when it is on the configured GitLab's usual path. */
function pathFromUrl(url: string, ctx: TriageChatContext): string | undefined {
  if (!url) return undefined;
  const ref = parseIssueRef(url, ctx.community);
  return "error" in ref ? undefined : ref.path;
}

/**
 * Decisions keep the title; only older ones send us to GitLab for it. A confidential issue's is
 * never read (the room may be public), and a title GitLab cannot give is left out, not an error.
 */
async function publicTitle(ctx: TriageChatContext, d: QueuedDecision): Promise<string | undefined> {
  if (d.confidential) return undefined;
  if (d.title) return escapeUserText(d.title);
  try {
    return escapeUserText((await ctx.gitlab.getIssue(d.projectId, d.issueIid)).title);
  } catch (error) {
    if (error instanceof GitlabCallError) return undefined;
    throw error;
  }
}

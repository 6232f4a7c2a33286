import type { ActionResult, ActionsContext } from "./actions-context.ts";
import { NEEDS_TRIAGE_LABEL } from "./actions-context.ts";
import { addNoteOnce } from "./add-note-once.ts";
import { underGitlabFailurePolicy } from "./gitlab-failure-policy.ts";
import { escapeUserText, findSig, findSigLabel, sigAssignee, sigLabel } from "./sig-routing.ts";
import { percent } from "../routing/percent.ts";

export interface RoutingDecision {
  sig: string;
  /** Between 0 and 1. */
  confidence: number;
  /** Which rule matched, or which words weighed most. */
  reasons: string[];
  /** The best SIGs, best first; shown when asking. Defaults to the decision alone. */
  suggestions?: { sig: string; confidence: number }[] | undefined;
}

export interface ApplyRoutingInput {
  projectId: number;
  issueIid: number;
  decision: RoutingDecision;
  /** `act` above the confidence threshold; `ask` below it. */
  mode: "act" | "ask";
}

/**
 * Writes a routing decision to GitLab. Acting adds the SIG's label, assigns its triager (or lead)
 * and explains itself in a note; asking adds `needs-triage` and a note with the top suggestions.
 * An issue that already carries another SIG's label is left alone: a person decided, and humans
 * win. The same label is not a reason to stop: it is how a retry finds the issue after a failure
 * halfway, and the remaining steps (assignee, note) still have to be done.
 */
export async function applyRouting({
  ctx,
  input,
}: {
  ctx: ActionsContext;
  input: ApplyRoutingInput;
}): Promise<ActionResult> {
  const { projectId, issueIid, decision, mode } = input;
  return underGitlabFailurePolicy({ ctx, projectId, issueIid }, async () => {
    const issue = await ctx.gitlab.getIssue(projectId, issueIid);
    const existing = findSigLabel(ctx.community, issue.labels);
    if (mode === "ask") {
      if (existing) return { status: "skipped", reason: `already labelled ${existing}` };
      await ctx.gitlab.addLabels(projectId, issueIid, [NEEDS_TRIAGE_LABEL]);
      const note = await addNoteOnce({ ctx, projectId, issueIid }, { marker: "asked", body: askNote(ctx, decision) });
      return { status: "asked", labels: [NEEDS_TRIAGE_LABEL], note, confidential: issue.confidential };
    }

    const sig = findSig(ctx.community, decision.sig);
    const label = sigLabel(sig);
    if (existing && existing !== label) return { status: "skipped", reason: `already labelled ${existing}` };
    await ctx.gitlab.addLabels(projectId, issueIid, [label]);
    const assignee = issue.assignees.length === 0 ? await assign(ctx, projectId, issueIid, sigAssignee(sig)) : null;
    const body = actNote(ctx, { sigName: sig.name, label, assignee, decision });
    const note = await addNoteOnce({ ctx, projectId, issueIid }, { marker: `routed ${label}`, body });
    return { status: "routed", sig: sig.id, labels: [label], assignee, note, confidential: issue.confidential };
  });
}

/** Assigns by username; a name GitLab does not know is logged and skipped, not a failure of the routing. */
async function assign(
  ctx: ActionsContext,
  projectId: number,
  issueIid: number,
  username: string,
): Promise<string | null> {
  const userId = await ctx.gitlab.findUserId(username);
  if (userId === null) {
    ctx.logger.warn(
      { projectId, issueIid, username },
      "the community file names a GitLab user that GitLab does not know; not assigning",
    );
    return null;
  }
  await ctx.gitlab.setAssignees(projectId, issueIid, [userId]);
  return username;
}

function actNote(
  ctx: ActionsContext,
  {
    sigName,
    label,
    assignee,
    decision,
  }: { sigName: string; label: string; assignee: string | null; decision: RoutingDecision },
): string {
  return [
    `Routed to the **${sigName}** SIG with the \`${label}\` label (confidence ${percent(decision.confidence)})` +
      (assignee ? ` and assigned to @${assignee}.` : "."),
    "",
    "Why:",
    ...reasonLines(decision.reasons),
    "",
    `If this is wrong, change the \`${label}\` label to the right SIG's label: @${ctx.botUsername} never changes it back, ` +
      "and learns from the correction.",
  ].join("\n");
}

function askNote(ctx: ActionsContext, decision: RoutingDecision): string {
  const suggestions = (decision.suggestions ?? [{ sig: decision.sig, confidence: decision.confidence }]).slice(0, 3);
  return [
    "This issue needs a person to pick its SIG: the bot is not sure enough to route it. Suggestions:",
    ...suggestions.map(({ sig, confidence }) => {
      const known = ctx.community.sigs.find((s) => s.id === sig);
      return `- ${known ? `**${known.name}** (\`${sigLabel(known)}\`)` : escapeUserText(sig)}: ${percent(confidence)}`;
    }),
    "",
    "Why:",
    ...reasonLines(decision.reasons),
    "",
    `Add the right SIG's label to route it; @${ctx.botUsername} will not change a label a person set.`,
  ].join("\n");
}

function reasonLines(reasons: string[]): string[] {
  return reasons.length === 0 ? ["- (no reason given)"] : reasons.map((reason) => `- ${escapeUserText(reason)}`);
}

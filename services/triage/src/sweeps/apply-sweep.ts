import { reminderMarker, type PlannedAction } from "./plan-sweep.ts";
import type { SweepGitlab } from "./sweep-gitlab.ts";

export interface SweepResult {
  done: PlannedAction[];
  /** Actions GitLab refused, with its reason; the others still ran. */
  failed: { planned: PlannedAction; reason: string }[];
}

/**
 * Carries out a plan: notes and closes on GitLab, and the digest entries as one message through
 * `postDigest` (the caller decides where: a notify job to the triage room, or the terminal).
 */
export async function applySweep({
  ctx,
  input,
}: {
  ctx: { gitlab: Pick<SweepGitlab, "addNote" | "closeIssue">; postDigest: (lines: string[]) => Promise<void> };
  input: { plan: PlannedAction[] };
}): Promise<SweepResult> {
  const result: SweepResult = { done: [], failed: [] };
  const digest = input.plan.filter((p) => p.action === "digest_to_triage_room");
  for (const planned of input.plan.filter((p) => p.action !== "digest_to_triage_room")) {
    const { projectId, iid } = planned.issue;
    try {
      if (planned.action === "remind") {
        await ctx.gitlab.addNote(
          projectId,
          iid,
          `${reminderMarker}\nThis issue is waiting for the information asked for above. Without an answer it may be closed; a reply reopens the conversation.`,
        );
      } else {
        await ctx.gitlab.addNote(
          projectId,
          iid,
          "Closing: the information asked for has not arrived. Reopen the issue with it and triage will pick it up again.",
        );
        await ctx.gitlab.closeIssue(projectId, iid);
      }
      result.done.push(planned);
    } catch (error) {
      result.failed.push({ planned, reason: (error as Error).message });
    }
  }
  if (digest.length > 0) {
    await ctx.postDigest([`${digest.length} issue(s) waiting for triage:`, ...digest.map(describeForRoom)]);
    result.done.push(...digest);
  }
  return result;
}

/** A confidential issue is never described in a room: only its link. */
export function describeForRoom({ issue, why }: PlannedAction): string {
  const link = issue.webUrl ?? `project ${issue.projectId} #${issue.iid}`;
  return issue.confidential ? `- a confidential issue: ${link}` : `- ${issue.title} (${link}): ${why}`;
}

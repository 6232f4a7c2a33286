import type { OpenIssue, SweepGitlab } from "./sweep-gitlab.ts";
import type { TriagePolicies } from "./triage-policy.ts";

export type SweepAction = "digest_to_triage_room" | "remind" | "close";

export interface PlannedAction {
  issue: OpenIssue;
  action: SweepAction;
  policy: string;
  /** Which condition of the policy the issue met. */
  condition: "untriaged" | "needs_info";
  /** Why, in words an operator reads in the dry-run output. */
  why: string;
}

/** Marks the bot's reminder, so the next sweep knows the issue was reminded and may be closed. */
export const reminderMarker = "<!-- agora:needs-info-reminder -->";

const dayMs = 24 * 60 * 60 * 1000;

/**
 * What the policies would do to the open issues of these projects now. Reads only: `applySweep`
 * acts on the plan, and a dry run prints it. An issue whose times GitLab did not give is left
 * alone: an unknown age is never old enough.
 */
export async function planSweep({
  ctx,
  input,
}: {
  ctx: { gitlab: Pick<SweepGitlab, "listOpenIssues" | "listNotes">; now: Date };
  input: { policies: TriagePolicies; projectIds: number[] };
}): Promise<PlannedAction[]> {
  const { policies, projectIds } = input;
  const ageDays = (date: Date | null) => (date ? (ctx.now.getTime() - date.getTime()) / dayMs : -Infinity);
  const plan: PlannedAction[] = [];
  for (const projectId of projectIds) {
    for (const issue of await ctx.gitlab.listOpenIssues(projectId)) {
      const routed = issue.labels.some((label) => label.startsWith(policies.sig_label_prefix));
      const needsInfo = issue.labels.includes(policies.needs_info_label);
      for (const policy of policies.policies) {
        const { untriaged_for_days: untriaged, needs_info_for_days: waiting } = policy.conditions;
        if (untriaged !== undefined && !routed && !needsInfo && ageDays(issue.createdAt) >= untriaged) {
          const why = `open ${Math.floor(ageDays(issue.createdAt))} days with no SIG label (policy: ${untriaged})`;
          plan.push({ issue, action: "digest_to_triage_room", policy: policy.name, condition: "untriaged", why });
        }
        if (waiting === undefined || !needsInfo) continue;
        const quiet = ageDays(issue.updatedAt);
        if (quiet < Math.min(waiting, policy.close_after_days ?? waiting)) continue;
        const quietWhy = `needs info, no activity for ${Math.floor(quiet)} days`;
        // Only issues quiet long enough cost a notes request: most are not.
        const notes = policy.actions.includes("close") ? await ctx.gitlab.listNotes(issue.projectId, issue.iid) : [];
        const reminded = notes.at(-1)?.body.includes(reminderMarker) === true;
        if (reminded && policy.close_after_days !== undefined && quiet >= policy.close_after_days) {
          plan.push({
            issue,
            action: "close",
            policy: policy.name,
            condition: "needs_info",
            why: `${quietWhy} since the reminder (policy: close after ${policy.close_after_days})`,
          });
          continue;
        }
        if (reminded || quiet < waiting) continue;
        for (const action of policy.actions.filter((a) => a !== "close")) {
          plan.push({
            issue,
            action,
            policy: policy.name,
            condition: "needs_info",
            why: `${quietWhy} (policy: ${waiting})`,
          });
        }
      }
    }
  }
  return plan;
}

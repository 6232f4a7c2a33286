import { createHash } from "node:crypto";
import type { ActionResult, ActionsContext } from "./actions-context.ts";
import { NEEDS_INFO_LABEL } from "./actions-context.ts";
import { addNoteOnce } from "./add-note-once.ts";
import { underGitlabFailurePolicy } from "./gitlab-failure-policy.ts";
import { escapeUserText } from "./sig-routing.ts";

export interface RequestMissingInfoInput {
  projectId: number;
  issueIid: number;
  /** What the report lacks, in words the reporter understands: "the version (cat /etc/os-release)". */
  missing: string[];
}

/** Adds `needs-info` and a note asking the reporter for what is missing. */
export async function requestMissingInfo({
  ctx,
  input,
}: {
  ctx: ActionsContext;
  input: RequestMissingInfoInput;
}): Promise<ActionResult> {
  const { projectId, issueIid, missing } = input;
  return underGitlabFailurePolicy({ ctx, projectId, issueIid }, async () => {
    const body = [
      "Thanks for the report. To look into it, we need:",
      ...missing.map((item) => `- ${escapeUserText(item)}`),
      "",
      `Please add them in a comment. (@${ctx.botUsername} added the \`${NEEDS_INFO_LABEL}\` label; it can be removed once answered.)`,
    ].join("\n");
    await ctx.gitlab.addLabels(projectId, issueIid, [NEEDS_INFO_LABEL]);
    // A later request for other missing things is a new note; the same request again is not.
    const note = await addNoteOnce({ ctx, projectId, issueIid }, { marker: `needs-info ${digest(missing)}`, body });
    return { status: "info-requested", labels: [NEEDS_INFO_LABEL], note };
  });
}

/** Names a list of missing things in a marker without putting its text (which could end the comment) there. */
function digest(missing: string[]): string {
  return createHash("sha256").update(missing.join("\n")).digest("hex").slice(0, 12);
}

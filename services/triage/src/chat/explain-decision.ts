import { findTriageDecision } from "@agora/db";
import { escapeUserText } from "../actions/sig-routing.ts";
import { escapeHtml, projectIdOf, type ChatAnswer, type TriageChatContext } from "./chat-context.ts";
import type { IssueRef } from "./issue-ref.ts";
import { percent } from "../routing/percent.ts";

/**
 * `!triage why <issue>`: the reasons behind the bot's last decision on an issue, which the room
 * messages leave out to stay one line. A confidential issue's reasons quote its words, so they
 * stay in GitLab's note.
 */
export async function explainDecision({
  ctx,
  input,
}: {
  ctx: TriageChatContext;
  input: { ref: IssueRef; name: string };
}): Promise<ChatAnswer> {
  const projectId = await projectIdOf(ctx, input.ref.path);
  const decision = projectId === null ? undefined : await findTriageDecision(ctx.db, projectId, input.ref.iid);
  if (!decision) return { body: `The bot has not decided anything on ${input.name}.` };
  if (decision.confidential)
    return { body: `${input.name} is confidential: the bot's reasons are in its note on the issue, in GitLab.` };
  const sigName = (id: string) => ctx.community.sigs.find((s) => s.id === id)?.name ?? id;
  const verdict =
    decision.mode === "act"
      ? `routed ${input.name} to ${sigName(decision.sig)} (${percent(decision.confidence)})`
      : `asked for a SIG for ${input.name}; best guesses: ${(decision.suggestions ?? []).map((s) => `${sigName(s.sig)} ${percent(s.confidence)}`).join(", ") || "none"}`;
  const reasons = decision.reasons.length ? decision.reasons.map(escapeUserText) : ["(no reason recorded)"];
  const heading = `The bot ${verdict}, because:`;
  return {
    body: [heading, ...reasons.map((r) => `- ${r}`)].join("\n"),
    html: `${escapeHtml(heading)}<ul>${reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join("")}</ul>`,
  };
}

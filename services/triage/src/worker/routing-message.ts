import type { TriageJob } from "@agora/queue";
import type { Community, NotifySend } from "@agora/schemas";
import type { Routing } from "../routing/decide-routing.ts";

/**
 * The chat message for a triage decision: to the SIG's room when the bot acted, to the triage
 * room when it asks. A confidential issue is named only by its link and SIG: its title, text and
 * the reasons (which quote its words) never reach a room others can read.
 * Undefined when asking and the community file names no triage room.
 */
export function routingMessage({
  community,
  issue,
  routing,
  labels,
}: {
  community: Community;
  issue: TriageJob;
  routing: Routing;
  labels: string[];
}): NotifySend | undefined {
  const sigName = (id: string) => community.sigs.find((s) => s.id === id)?.name ?? id;
  const percent = (p: number) => `${Math.round(p * 100)}%`;
  const ref = `${issue.projectPath}#${issue.issueIid}`;
  // The same decision for the same issue is one message, whatever retries or redeliveries do.
  const dedupeKey = `gitlab:triage:${issue.projectId}:${issue.issueIid}:${routing.mode}:${routing.sig ?? "none"}`;
  const suggestions = routing.suggestions.map((s) => `${sigName(s.sig)} ${percent(s.confidence)}`).join(", ") || "none";

  if (routing.mode === "act" && routing.sig) {
    const sig = community.sigs.find((s) => s.id === routing.sig);
    if (!sig) return undefined;
    const body = issue.confidential
      ? `A confidential issue was routed to ${sig.name}: ${issue.url}`
      : [
          `New bug for ${sig.name}: ${issue.title} (${ref})`,
          issue.url,
          `Labels: ${labels.join(", ") || "none"}`,
          `Why (${percent(routing.confidence)}): ${routing.reasons.join("; ")}`,
        ].join("\n");
    return { action: "send", dedupeKey, room: sig.room, body };
  }

  const room = community.matrix?.triage_room;
  if (!room) return undefined;
  const body = issue.confidential
    ? `A confidential issue needs a SIG: ${issue.url}\nSuggestions: ${suggestions}`
    : [
        `Needs triage: ${issue.title} (${ref})`,
        issue.url,
        `Labels: ${labels.join(", ") || "none"}`,
        `Suggestions: ${suggestions}`,
        `Why: ${routing.reasons.join("; ")}`,
      ].join("\n");
  return { action: "send", dedupeKey, room, body };
}

import type { Community, NotifySend, Sig, TriageJob } from "@agora/schemas";
import type { Routing } from "../routing/decide-routing.ts";
import { escapeUserText } from "../actions/sig-routing.ts";
import { percent } from "../routing/percent.ts";

/** How many of the suggestions the triage room's question offers as commands. */
const OFFERED = 3;
/** Labels a room learns nothing from, besides the SIG's own (the room is the SIG's). */
const ROUTINE_LABELS = new Set(["needs-triage"]);

const VERBS: Record<string, string> = { open: "opened", reopen: "reopened", update: "edited" };

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/**
 * The chat message for a triage decision, one line as in GitLab's own chat notifications
 * (`Core: alice opened group/project#12 "title"`): to the SIG's room when the bot acted; to the
 * triage room when it asks, with its best guesses as `!triage` commands a lead can copy. Reasons
 * are in GitLab's note and behind `!triage why`, not in the room. A confidential issue is named
 * only by its link and SIG: its title, author and text never reach a room others can read.
 * Undefined when asking and the community file names no triage room.
 */
export function routingMessage({
  community,
  issue,
  routing,
  labels,
  renamedBy,
  projectPrivate,
}: {
  community: Community;
  issue: TriageJob;
  routing: Routing;
  labels: string[];
  /** Who gave the issue its title, when the message is the edit a retitle makes. */
  renamedBy?: string | undefined;
  /** The project was made private: the issue is told as a confidential one, under a key the project's take-back does not withhold. */
  projectPrivate?: boolean | undefined;
}): NotifySend | undefined {
  const ref = `${issue.projectPath}#${issue.issueIid}`;
  // The same decision for the same issue is one message, whatever retries or redeliveries do.
  const dedupeKey = (projectPrivate ? privateProjectTriageKey : triageMessageKey)(
    issue.projectId,
    issue.issueIid,
    routing.mode,
    routing.sig,
  );
  const link = { text: ref, html: `<a href="${escapeHtml(issue.url)}">${escapeHtml(ref)}</a>` };
  const what = describeIssue(issue, link, renamedBy);

  if (routing.mode === "act" && routing.sig) {
    const sig = community.sigs.find((s) => s.id === routing.sig);
    if (!sig) return undefined;
    const extra = issue.confidential ? [] : labels.filter((l) => !isSigLabel(community, l) && !ROUTINE_LABELS.has(l));
    const labelled = extra.length
      ? { text: ` [${extra.join(", ")}]`, html: ` <code>${escapeHtml(extra.join(", "))}</code>` }
      : { text: "", html: "" };
    return {
      action: "send",
      dedupeKey,
      room: sig.room,
      body: `${sig.name}: ${what.text}${labelled.text} ${issue.url}`,
      html: `<b>${escapeHtml(sig.name)}</b>: ${what.html}${labelled.html}`,
    };
  }

  const room = community.matrix?.triage_room;
  if (!room) return undefined;
  const offered = routing.suggestions
    .slice(0, OFFERED)
    .map((s) => ({ sig: community.sigs.find((c) => c.id === s.sig), confidence: s.confidence }))
    .filter((s): s is { sig: Sig; confidence: number } => s.sig !== undefined);
  const commands = offered.length
    ? offered.map(({ sig, confidence }) => ({
        text: `!triage ${ref} sig ${sig.id}  (${sig.name}, ${percent(confidence)})`,
        html: `<li><code>!triage ${escapeHtml(ref)} sig ${escapeHtml(sig.id)}</code> ${escapeHtml(sig.name)}, ${percent(confidence)}</li>`,
      }))
    : [
        {
          text: `!triage ${ref} sig <id>  (no guess; the SIGs are ${community.sigs.map((s) => s.id).join(", ")})`,
          html: `<li><code>!triage ${escapeHtml(ref)} sig &lt;id&gt;</code> no guess; the SIGs are ${escapeHtml(community.sigs.map((s) => s.id).join(", "))}</li>`,
        },
      ];
  // A confidential issue's reasons quote its words: `why` would not show them in a room anyway.
  const why = issue.confidential
    ? []
    : [
        {
          text: `Why these guesses: !triage why ${ref}`,
          html: `Why these guesses: <code>!triage why ${escapeHtml(ref)}</code>`,
        },
      ];
  return {
    action: "send",
    dedupeKey,
    room,
    body: [`Needs a SIG: ${what.text} ${issue.url}`, ...commands.map((c) => c.text), ...why.map((w) => w.text)].join(
      "\n",
    ),
    html: `<b>Needs a SIG</b>: ${what.html}<ul>${commands.map((c) => c.html).join("")}</ul>${why.map((w) => w.html).join("")}`,
  };
}

/** The dedupe key of the room message for a decision; other messages thread on, edit or redact it by this. */
export function triageMessageKey(
  projectId: number,
  issueIid: number,
  mode: Routing["mode"],
  sig: string | null | undefined,
): string {
  return `gitlab:triage:${projectId}:${issueIid}:${mode}:${sig || "none"}`;
}

/**
 * The key of a decision told while its project is private (in the confidential form): apart from
 * `gitlab:triage:<project>:`, which stays withheld until the project is public again.
 */
export function privateProjectTriageKey(
  projectId: number,
  issueIid: number,
  mode: Routing["mode"],
  sig: string | null | undefined,
): string {
  return `gitlab:triage-private:${projectId}:${issueIid}:${mode}:${sig || "none"}`;
}

/**
 * `alice opened <a>group/project#12</a> "title"` (`<a>…</a> "new title" (renamed by bob)` after a
 * retitle), or only the link for a confidential issue.
 */
function describeIssue(
  issue: TriageJob,
  link: { text: string; html: string },
  renamedBy: string | undefined,
): { text: string; html: string } {
  if (issue.confidential)
    return { text: `a confidential issue, ${link.text}`, html: `a confidential issue, ${link.html}` };
  if (renamedBy) {
    const [title, who] = [escapeUserText(issue.title), escapeUserText(renamedBy)];
    return {
      text: `${link.text} "${title}" (renamed by ${who})`,
      html: `${link.html} "${escapeHtml(title)}" (renamed by ${escapeHtml(who)})`,
    };
  }
  const who = issue.author ? `${escapeUserText(issue.author)} ` : "";
  const verb = VERBS[issue.action] ?? "updated";
  const title = escapeUserText(issue.title);
  return {
    text: `${who}${verb} ${link.text} "${title}"`,
    html: `${escapeHtml(who)}${verb} ${link.html} "${escapeHtml(title)}"`,
  };
}

const isSigLabel = (community: Community, label: string) => community.sigs.some((s) => s.gitlab.labels.includes(label));

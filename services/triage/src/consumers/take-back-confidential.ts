import { findTriageDecision, listSentMatrixMessageKeys, markTriageDecisionConfidential, type Sql } from "@agora/db";
import type { NotifyRedact } from "@agora/schemas";
import { triageMessageKey } from "./routing-message.ts";

/** Every prefix under which triage says something about one issue in a room. */
const prefixes = (projectId: number, issueIid: number) => [
  `gitlab:triage:${projectId}:${issueIid}:`,
  `gitlab:triage-chat:${projectId}:${issueIid}:`,
  `gitlab:issue-note:${projectId}:${issueIid}:`,
  `gitlab:issue:${projectId}:${issueIid}:`,
];

/**
 * An issue that became confidential after it was announced: its decision forgets the title and
 * leaves the triage pages and API (which never list confidential decisions), and each room
 * message about it (the triage line, a subscribed room's opened line, moves from chat, comments in
 * its thread) is redacted. The current decision's message is redacted even if it is not sent yet,
 * since its send job may still be queued: the notifier then never sends it.
 */
export async function takeBackConfidential(
  tx: Sql,
  { projectId, issueIid }: { projectId: number; issueIid: number },
): Promise<NotifyRedact[]> {
  const decision = await findTriageDecision(tx, projectId, issueIid);
  await markTriageDecisionConfidential(tx, projectId, issueIid);
  const sent = (await Promise.all(prefixes(projectId, issueIid).map((p) => listSentMatrixMessageKeys(tx, p)))).flat();
  const current = decision ? [triageMessageKey(projectId, issueIid, decision.mode, decision.sig)] : [];
  const keys = [...new Set([...sent, ...current])];
  return keys.map((target) => ({
    action: "redact",
    dedupeKey: `${target}:confidential`,
    target,
    reason: "the issue was made confidential",
  }));
}

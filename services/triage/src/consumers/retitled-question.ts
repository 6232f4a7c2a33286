import { createHash } from "node:crypto";
import { findMatrixMessage, findTriageCorrection, findTriageDecision, type Sql } from "@agora/db";
import type { Community, GitlabIssueHook, NotifySend } from "@agora/schemas";
import { routingMessage, triageMessageKey } from "./routing-message.ts";

/**
 * The triage room's question about an issue, edited when the issue gets a new title while the
 * question waits for a person: the title a lead reads is GitLab's current one, and the commands
 * to copy stay. A question answered (from chat, or by a person's label), an issue triage routed
 * itself, and a confidential issue (its question shows no title) are left as they are. Keyed
 * under the question, so that a confidential take-back finds the edit too.
 */
export async function retitledQuestion(tx: Sql, community: Community, hook: GitlabIssueHook): Promise<NotifySend[]> {
  const issue = hook.object_attributes;
  const title = hook.changes?.title;
  if (issue.action !== "update" || !title?.current || title.current === title.previous) return [];
  if (issue.confidential || hook.event_type === "confidential_issue") return [];
  const projectId = hook.project.id;
  const decision = await findTriageDecision(tx, projectId, issue.iid);
  if (decision?.mode !== "ask" || decision.confidential) return [];
  if (await findTriageCorrection(tx, projectId, issue.iid)) return [];
  const question = triageMessageKey(projectId, issue.iid, "ask", decision.sig);
  if (!(await findMatrixMessage(tx, question))?.eventId) return [];
  const message = routingMessage({
    community,
    issue: {
      projectId,
      projectPath: hook.project.path_with_namespace,
      issueIid: issue.iid,
      url: issue.url,
      title: title.current,
      description: "",
      labels: [],
      confidential: false,
      action: "update",
    },
    routing: {
      mode: "ask",
      sig: decision.sig || null,
      confidence: decision.confidence,
      reasons: [...decision.reasons],
      suggestions: [...(decision.suggestions ?? [])],
    },
    labels: [],
    renamedBy: hook.user.username,
  });
  if (!message) return [];
  const version = createHash("sha256").update(title.current).digest("hex").slice(0, 16);
  return [{ ...message, dedupeKey: `${question}:retitle:${version}`, replaces: question }];
}

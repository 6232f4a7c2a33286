import { listSentMatrixMessageKeys, markProjectTriageDecisionsConfidential, seeProjectVisibility, type Sql } from "@agora/db";
import { notifyJob, type JobSender } from "@agora/queue";
import type { GitlabWebhook, NotifyRedact } from "@agora/schemas";

/** Every kind of room message about a project's things; each dedupe key starts `gitlab:<kind>:<project id>:`. */
const KINDS = ["triage", "triage-chat", "issue", "issue-note", "mr", "mr-note", "pipeline", "release", "push", "tag_push"];
/** Suffixes of the redactions Agora sends; what they redacted is gone already. */
const REDACTION = /:(confidential|deleted|private)$/;

export interface ProjectVisibilityDeps {
  logger: { info(fields: object, message?: string): void };
  queue: JobSender;
}

/**
 * Whether the project of a GitLab event is withdrawn from rooms: made private (GitLab's hooks
 * show it only as `project.visibility_level` 0 on the project's next event) after it was seen
 * public or internal. The first event that shows it takes back what rooms and pages hold of the
 * project: every room message about it is redacted and its triage decisions leave the pages and
 * API, as for an issue made confidential. Each consumer asks, in the delivery's transaction;
 * whichever asks first does the taking back, once.
 */
export async function projectWithdrawn(tx: Sql, hook: GitlabWebhook, deps: ProjectVisibilityDeps): Promise<{ withdrawn: boolean; tookBack: boolean }> {
  const project = (hook as { project?: { id?: unknown; visibility_level?: unknown } }).project;
  if (typeof project?.id !== "number" || typeof project.visibility_level !== "number") return { withdrawn: false, tookBack: false };
  const seen = await seeProjectVisibility(tx, project.id, project.visibility_level);
  if (seen.becameWithdrawn) {
    const redactions = await takeBackProject(tx, project.id);
    if (redactions.length) await deps.queue.sendMany(notifyJob, redactions, { tx });
    deps.logger.info({ projectId: project.id, redacted: redactions.length }, "a project was made private: its room messages are taken back");
  }
  return { withdrawn: seen.withdrawn, tookBack: seen.becameWithdrawn };
}

async function takeBackProject(tx: Sql, projectId: number): Promise<NotifyRedact[]> {
  await markProjectTriageDecisionsConfidential(tx, projectId);
  const sent = (await Promise.all(KINDS.map((kind) => listSentMatrixMessageKeys(tx, `gitlab:${kind}:${projectId}:`)))).flat();
  const redacted = new Set(sent.filter((key) => REDACTION.test(key)).map((key) => key.replace(REDACTION, "")));
  return sent
    .filter((key) => !REDACTION.test(key) && !redacted.has(key))
    .map((target) => ({ action: "redact", dedupeKey: `${target}:private`, target, reason: "the project was made private" }));
}

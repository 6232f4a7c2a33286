import {
  listSentMatrixMessageKeys,
  markProjectTriageDecisionsConfidential,
  releaseMatrixMessages,
  seeProjectVisibility,
  withholdMatrixMessages,
  type Sql,
} from "@agora/db";
import { notifyJob, type JobSender } from "@agora/queue";
import type { GitlabWebhook, NotifyRedact } from "@agora/schemas";

/**
 * Every kind of room message about a project's things; each dedupe key starts `gitlab:<kind>:<project id>:`.
 * `triage-private` (an issue of a private project told in the confidential form) is not one of
 * them: it shows nothing to take back, and goes out while the project is private.
 */
const KINDS = [
  "triage",
  "triage-chat",
  "issue",
  "issue-note",
  "mr",
  "mr-note",
  "pipeline",
  "release",
  "push",
  "tag_push",
];
const prefixes = (projectId: number) => KINDS.map((kind) => `gitlab:${kind}:${projectId}:`);
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
export async function projectWithdrawn(
  tx: Sql,
  hook: GitlabWebhook,
  deps: ProjectVisibilityDeps,
): Promise<{ withdrawn: boolean; tookBack: boolean }> {
  const project = (hook as { project?: { id?: unknown; visibility_level?: unknown } }).project;
  if (typeof project?.id !== "number" || typeof project.visibility_level !== "number")
    return { withdrawn: false, tookBack: false };
  const seen = await seeProjectVisibility(tx, project.id, project.visibility_level);
  if (seen.becameWithdrawn) {
    const redactions = await takeBackProject(tx, project.id);
    if (redactions.length) await deps.queue.sendMany(notifyJob, redactions, { tx });
    deps.logger.info(
      { projectId: project.id, redacted: redactions.length },
      "a project was made private: its room messages are taken back",
    );
  }
  if (seen.cameBack) {
    // Told in full again from now on; what was queued and withheld meanwhile stays unsent.
    await releaseMatrixMessages(tx, prefixes(project.id));
    deps.logger.info({ projectId: project.id }, "a private project is public again: rooms are told of it again");
  }
  return { withdrawn: seen.withdrawn, tookBack: seen.becameWithdrawn };
}

/**
 * Redacts what was sent about the project, and withholds every key about it from now on: a
 * message queued before this and not yet sent (the notifier down, or behind in its queue) is
 * not among the keys sent, and would otherwise still go out.
 */
async function takeBackProject(tx: Sql, projectId: number): Promise<NotifyRedact[]> {
  await markProjectTriageDecisionsConfidential(tx, projectId);
  await withholdMatrixMessages(tx, prefixes(projectId));
  const sent = (await Promise.all(prefixes(projectId).map((prefix) => listSentMatrixMessageKeys(tx, prefix)))).flat();
  const redacted = new Set(sent.filter((key) => REDACTION.test(key)).map((key) => key.replace(REDACTION, "")));
  return sent
    .filter((key) => !REDACTION.test(key) && !redacted.has(key))
    .map((target) => ({
      action: "redact",
      dedupeKey: `${target}:private`,
      target,
      reason: "the project was made private",
    }));
}

import { findTriageCorrection, saveTriageCorrection, setTriageDecisionOpen, type Sql } from "@agora/db";
import { notifyJob, triageJob, type JobSender } from "@agora/queue";
import type { Community, DeliveryConsumer, GitlabIssueHook, GitlabWebhook } from "@agora/schemas";
import { projectWithdrawn } from "./project-visibility.ts";
import { takeBackConfidential } from "./take-back-confidential.ts";

export interface TriageConsumerDeps {
  community: Community;
  logger: { info(fields: object, message?: string): void };
  /** Where triage and notify jobs go, in the delivery's transaction. */
  queue: JobSender;
}

const ROUTED_ACTIONS = new Set(["open", "reopen", "update"]);

/**
 * Bug triage as a delivery consumer: an opened, reopened or edited issue becomes a `triage` job;
 * a person's change of a SIG label becomes a correction, recorded as training data, after which
 * the bot leaves that issue alone for good. The bot's own events are ignored, so its labels and
 * notes never start another round.
 */
export function createTriageConsumer(deps: TriageConsumerDeps): DeliveryConsumer<Sql> {
  const sigLabels = new Map(
    deps.community.sigs.flatMap((sig) => sig.gitlab.labels.map((label) => [label, sig.id] as const)),
  );
  const sigOf = (labels: readonly { title: string }[] | undefined) =>
    labels?.map((l) => sigLabels.get(l.title)).find((sig) => sig !== undefined) ?? null;

  return {
    name: "triage",
    async accept(tx, parsed) {
      if (parsed.source !== "gitlab" || !isIssueHook(parsed.hook)) return false;
      const hook = parsed.hook;
      const issue = hook.object_attributes;
      const at = { projectId: hook.project.id, issueIid: issue.iid, action: issue.action };
      // A project made private is triaged still, but rooms and pages treat its issues as confidential.
      const { withdrawn } = await projectWithdrawn(tx, hook, deps);
      // Made confidential after it was announced (GitLab sends it as a Confidential Issue Hook):
      // whatever state the issue is in and whoever did it, what rooms and pages show of it goes.
      const confidential = hook.changes?.confidential;
      if (confidential?.current === true && confidential.previous !== true) {
        const redactions = await takeBackConfidential(tx, { projectId: hook.project.id, issueIid: issue.iid });
        if (redactions.length) await deps.queue.sendMany(notifyJob, redactions, { tx });
        deps.logger.info(
          { ...at, redacted: redactions.length },
          "an issue became confidential: its room messages are taken back",
        );
        return true;
      }
      // A closed question leaves the triage page; nothing else is done for a closed issue.
      if (issue.action === "close") await setTriageDecisionOpen(tx, hook.project.id, issue.iid, false);
      if (!ROUTED_ACTIONS.has(issue.action ?? "")) return false;
      if (hook.user.username === deps.community.gitlab?.bot_username) return false;
      if (issue.state === "closed") return false;
      if (await findTriageCorrection(tx, hook.project.id, issue.iid)) return false;

      const labelChange = hook.changes?.labels;
      // Added, changed or removed: any change of the SIG labels by a person is their decision.
      if (labelChange && sigLabelsIn(labelChange.previous, sigLabels) !== sigLabelsIn(labelChange.current, sigLabels)) {
        const sig = sigOf(labelChange.current);
        await saveTriageCorrection(tx, {
          projectId: hook.project.id,
          issueIid: issue.iid,
          title: issue.title,
          description: issue.description ?? "",
          sig,
          correctedBy: hook.user.username,
        });
        deps.logger.info(
          { ...at, sig, by: hook.user.username },
          "a person changed the SIG label; recorded as a correction",
        );
        return true;
      }
      const labels = (hook.labels ?? issue.labels ?? []).map((l) => l.title);
      // Already routed (by a person or an earlier run): nothing to decide.
      if (labels.some((l) => sigLabels.has(l))) return false;
      // An edit matters only when it changed what routing reads.
      if (issue.action === "update" && !hook.changes?.title && !hook.changes?.description) return false;

      await deps.queue.sendMany(
        triageJob,
        [
          {
            projectId: hook.project.id,
            projectPath: hook.project.path_with_namespace,
            issueIid: issue.iid,
            url: issue.url,
            title: issue.title,
            description: issue.description ?? "",
            labels,
            confidential: issue.confidential === true || hook.event_type === "confidential_issue" || withdrawn,
            action: issue.action ?? "open",
            author: hook.user.username,
          },
        ],
        { tx },
      );
      return true;
    },
  };
}

function isIssueHook(hook: GitlabWebhook): hook is GitlabIssueHook {
  return hook.object_kind === "issue" || hook.object_kind === "work_item";
}

const sigLabelsIn = (labels: readonly { title: string }[], sigLabels: Map<string, string>) =>
  labels
    .map((l) => l.title)
    .filter((t) => sigLabels.has(t))
    .sort()
    .join("\n");

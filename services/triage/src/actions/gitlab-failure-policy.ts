import { GitlabCallError, waitingOutRateLimits } from "@agora/gitlab";
import type { ActionResult, ActionsContext } from "./actions-context.ts";
import { TriageError } from "./triage-error.ts";

const defaultRetryAfterLimitMs = 5 * 60_000;

/**
 * Runs a verb's GitLab calls under one failure policy, whichever transport called the verb: a
 * transient failure is thrown as it is (a job retries it after its backoff, chat says to try again
 * later); an issue that is gone is dropped with a log line
 * (a deleted issue needs no triage); a token without the rights, or a request GitLab refuses, is
 * thrown as a `TriageError`, since no retry fixes either until a person does.
 *
 * A rate limit (429) that says how long to wait is waited out here and the verb run again: the
 * queue's backoff starts at 2 s and knows nothing of `Retry-After`, so it would spend retries
 * hitting the limit again. The verbs are safe to run again (labels are added, notes posted once).
 */
export async function underGitlabFailurePolicy(
  { ctx, projectId, issueIid }: { ctx: ActionsContext; projectId: number; issueIid: number },
  run: () => Promise<ActionResult>,
): Promise<ActionResult> {
  try {
    return await waitingOutRateLimits(run, {
      limitMs: ctx.retryAfterLimitMs ?? defaultRetryAfterLimitMs,
      onWait: (waitMs, { failure }) =>
        ctx.logger.info(
          { projectId, issueIid, status: failure.status, waitMs },
          "GitLab asked to wait; waiting, then trying again",
        ),
    });
  } catch (error) {
    if (!(error instanceof GitlabCallError)) throw error;
    const { failure } = error;
    switch (failure.kind) {
      case "transient":
        throw error;
      case "gone":
        ctx.logger.info(
          { projectId, issueIid, reason: failure.reason },
          "issue is gone from GitLab; dropping the triage action",
        );
        return { status: "dropped", reason: `issue ${projectId}#${issueIid} is gone: ${failure.reason}` };
      case "forbidden":
      case "invalid":
        throw new TriageError(
          `GitLab refused triage of ${projectId}#${issueIid}: ${error.message}`,
          { kind: "gitlab-refused", failure },
          { cause: error },
        );
    }
  }
}

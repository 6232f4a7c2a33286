import { PermanentJobError } from "@agora/queue";
import { TriageError } from "../actions/triage-error.ts";

/**
 * Runs a triage verb inside a job and says what its failure means to the queue: a verb's refusal
 * (`TriageError`) goes to the dead letters at once with its reason, since no retry fixes it until
 * a person does; anything else (GitLab unreachable, a rate limit longer than the verb waits) is
 * thrown as it is for the queue's backoff.
 *
 * @example
 * await queue.work(triageJob, (input) => asTriageJob(() => triageIssue({ ctx, input })));
 */
export async function asTriageJob<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof TriageError) throw new PermanentJobError(error.message, { cause: error });
    throw error;
  }
}

import { isPermanentDataError } from "@agora/db";
import type { Job, JobResult } from "pg-boss";
import type { JobDefinition } from "./define-job.ts";
import { failureRecord, JobPayloadError, PermanentJobError } from "./errors.ts";
import type { QueueLogger } from "./logger.ts";

export interface JobContext {
  jobId: string;
  /** 1 on the first run, 2 on the first retry, and so on. */
  attempt: number;
  /** Aborted when the attempt is given up (timeout, lost claim, shutdown): stop and return. */
  signal: AbortSignal;
}

export type JobHandler<T> = (data: T, context: JobContext) => Promise<void>;

/**
 * Runs one job and says how pg-boss should settle it. It never throws: every outcome is a
 * disposition, so one job's failure in a batch does not fail its neighbours.
 */
export async function runJob<T extends object>(
  definition: JobDefinition<T>,
  handler: JobHandler<T>,
  job: Job<unknown>,
  logger: QueueLogger,
): Promise<JobResult> {
  const attempt = job.retryCount + 1;
  const fields = { job: definition.name, jobId: job.id, attempt };
  const parsed = definition.data.safeParse(job.data);
  if (!parsed.success) {
    // Another attempt would read the same bytes: this payload can only be looked at by a person.
    const error = new JobPayloadError(definition.name, parsed.error);
    logger.error({ ...fields, err: error }, "job payload does not match its schema; dead-lettered");
    return { id: job.id, status: "deadletter", output: failureRecord(error) };
  }
  try {
    await handler(parsed.data, { jobId: job.id, attempt, signal: job.signal });
    return { id: job.id, status: "completed" };
  } catch (error) {
    // The database refusing a value is a verdict on the data: the same job fails the same way
    // on every attempt. A definition's own isRetryable decides first where it has one.
    const retryable = definition.isRetryable ? definition.isRetryable(error) : !isPermanentDataError(error);
    const permanent = error instanceof PermanentJobError || !retryable;
    const lastAttempt = attempt > definition.settings.retryLimit;
    if (permanent || lastAttempt) {
      logger.error(
        { ...fields, err: error },
        permanent ? "job failed permanently; dead-lettered" : "job failed on its last attempt; dead-lettered",
      );
    } else {
      logger.warn({ ...fields, err: error }, "job failed; it will be retried");
    }
    return { id: job.id, status: permanent ? "deadletter" : "failed", output: failureRecord(error) };
  }
}

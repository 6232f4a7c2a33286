import { describeIssues } from "@agora/schemas";
import type { z } from "zod";

/**
 * Thrown by a handler for a failure that another attempt cannot fix (a 404, a payload the other
 * side refuses): the job skips its remaining retries and goes to the dead-letter queue with this
 * message as its reason.
 *
 * @example
 * await queue.work(notifyJob, async (job) => {
 *   const room = rooms.get(job.room);
 *   // No retry will create the room: to the dead letters now, with the reason.
 *   if (!room) throw new PermanentJobError(`no room ${job.room}`);
 *   await send(room, job);
 * });
 */
export class PermanentJobError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "PermanentJobError";
  }
}

/** A payload that does not match its job's schema; the message names each offending path. */
export class JobPayloadError extends Error {
  readonly job: string;
  readonly issues: z.ZodError["issues"];

  constructor(job: string, error: z.ZodError) {
    super(`invalid payload for job "${job}": ${describeIssues(error).join("; ")}`);
    this.name = "JobPayloadError";
    this.job = job;
    this.issues = error.issues;
  }
}

/** What is stored on a failed job, and read back as a dead letter's reason. */
export interface FailureRecord {
  name: string;
  message: string;
}

export function failureRecord(error: unknown): FailureRecord {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: "Error", message: String(error) };
}

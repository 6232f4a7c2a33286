import { createHash } from "node:crypto";
import type { Sql } from "@agora/db";
import { notifyJob, type JobQueue } from "@agora/queue";
import type { NotifySend } from "@agora/schemas";

/**
 * A job id made from the milestone's dedupe key, so a milestone sent again (a second tick of the
 * clock, a repeated close, two processes) is dropped by the queue itself while the first job is
 * kept, before the notifier's own dedupe would drop its message.
 */
export function milestoneJobId(dedupeKey: string): string {
  const hex = createHash("sha256").update(`agora-survey-milestone\0${dedupeKey}`).digest("hex");
  // Shaped as a version 8 (custom) UUID, which pg-boss's uuid column accepts.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Enqueues a milestone's message, in `tx` when given; true when the queue had not seen it yet. */
export async function enqueueMilestone(queue: JobQueue, job: NotifySend, tx?: Sql): Promise<boolean> {
  const id = await queue.send(notifyJob, job, { id: milestoneJobId(job.dedupeKey), ...(tx && { tx }) });
  return id !== null;
}

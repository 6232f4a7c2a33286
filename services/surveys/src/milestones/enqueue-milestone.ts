import { createHash } from "node:crypto";
import type { Sql } from "@agora/db";
import { insertJobOnce, notifyJob } from "@agora/queue";
import type { NotifySend } from "@agora/schemas";

/**
 * A job id made from the milestone's dedupe key, so a milestone sent again (a second tick of the
 * clock, a repeated close, two processes) is dropped by the queue itself while the first job is
 * kept, before the notifier's own dedupe would drop its message.
 */
export function milestoneJobId(dedupeKey: string): string {
  const hex = createHash("sha256").update(`agora-survey-milestone\0${dedupeKey}`).digest("hex");
  // Shaped as a version 8 (custom) UUID, which pg-boss's uuid column accepts.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex.charAt(16), 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Enqueues a milestone's message on `db` (a transaction, to go with a change); true when the queue
 * had not seen it yet. Written with SQL, as pg-boss writes it, so the survey side needs no running
 * queue, on Node or in an edge isolate; the notify queue is `agora migrate`'s (and every process's
 * at start).
 */
export async function enqueueMilestone(db: Sql, job: NotifySend): Promise<boolean> {
  return insertJobOnce(db, notifyJob, job, milestoneJobId(job.dedupeKey));
}

import { notifyJob, type JobQueue } from "@agora/queue";

export interface WaitingNotification {
  room: string;
  /** The first line of the body, or what a redaction removes. */
  firstLine: string;
  queuedAt: Date;
  state: "queued" | "retrying";
}

/** The notify jobs not sent yet, oldest first, for the status page: what waits while no homeserver is configured. */
export async function waitingNotifications(
  queue: Pick<JobQueue, "waiting">,
  { limit = 20 }: { limit?: number } = {},
): Promise<WaitingNotification[]> {
  const jobs = await queue.waiting(notifyJob, limit);
  return jobs.map((job) => {
    const data = (job.data ?? {}) as Record<string, unknown>;
    const text = data.action === "redact" ? `(redact ${String(data.target)})` : String(data.body ?? "");
    return {
      room: typeof data.room === "string" ? data.room : "",
      firstLine: (text.split("\n", 1)[0] ?? "").slice(0, 120),
      queuedAt: job.queuedAt,
      state: job.state,
    };
  });
}

import type { JobQueue } from "@agora/queue";

/**
 * Puts the jobs of one fetched batch back in the order they were enqueued. pg-boss picks a
 * batch oldest first, but its `update … returning` hands the rows back in no particular order,
 * so the handlers are called in that order. Each handler joins here instead of starting; once
 * the whole batch has joined (they are all called in one turn of the event loop), one query
 * reads their enqueue times from the queue and releases them oldest first. Jobs
 * enqueued in one transaction share a time and keep no order among themselves.
 */
export interface BatchOrder {
  /** Resolves when it is this job's turn to be handed on, after every older job of its batch. */
  join(jobId: string): Promise<void>;
}

export function createBatchOrder(queue: Pick<JobQueue, "enqueuedAt">): BatchOrder {
  let gathering: { jobId: string; release: () => void; fail: (error: unknown) => void }[] = [];

  async function flush(): Promise<void> {
    const batch = gathering;
    gathering = [];
    try {
      const at = await queue.enqueuedAt(batch.map((b) => b.jobId));
      // Array.prototype.sort is stable: ties keep the order pg-boss handed them over in.
      batch.sort((x, y) => (at.get(x.jobId)?.getTime() ?? 0) - (at.get(y.jobId)?.getTime() ?? 0));
      for (const b of batch) b.release();
    } catch (error) {
      for (const b of batch) b.fail(error);
    }
  }

  return {
    join(jobId) {
      return new Promise<void>((release, fail) => {
        if (!gathering.length) setImmediate(() => void flush());
        gathering.push({ jobId, release, fail });
      });
    },
  };
}

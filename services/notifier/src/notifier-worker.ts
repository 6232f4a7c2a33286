import type { Sql } from "@agora/db";
import type { MatrixTransport } from "@agora/matrix";
import { notifyJob, type JobQueue } from "@agora/queue";
import type { NotifyJob, NotifySend } from "@agora/schemas";
import { createBatchOrder } from "./batch-order.ts";
import { deliverDigest } from "./deliver-digest.ts";
import { deliverNotification } from "./deliver-notification.ts";
import {
  defaultNotifierLimits,
  type NotifierContext,
  type NotifierLimits,
  type NotifierLogger,
} from "./notifier-context.ts";
import { createRoomLanes } from "./room-lanes.ts";
import { createRoomPacer, type RoomPacing } from "./room-pacer.ts";
import { sleep } from "./sleep.ts";

export interface NotifierWorkerOptions {
  queue: JobQueue;
  db: Sql;
  transport: MatrixTransport;
  logger: NotifierLogger;
  /** Per room, in this process. Default: a burst of 5, then 1 a second. */
  pacing?: RoomPacing;
  limits?: Partial<NotifierLimits>;
  /** Jobs fetched together; a digest only gathers messages fetched together. Default 20. */
  batchSize?: number;
  /** Low-priority messages for one room, fetched together, that go out as one digest. Default 3. */
  digestFrom?: number;
}

/** Low-priority plain messages can be folded into a digest; threads, edits and pings cannot. */
const digestible = (job: NotifyJob): job is NotifySend =>
  job.action === "send" &&
  job.priority === "low" &&
  !job.threadOf &&
  !job.replaces &&
  !job.replyTo &&
  !job.mentions?.length;

/**
 * Starts the only sender to Matrix. One fetch loop per process takes a batch of jobs, puts them
 * in the order they were enqueued (`createBatchOrder`); their handlers run one after another per room (so a room's messages
 * keep their order) and side by side across rooms. When a batch holds `digestFrom` or more
 * low-priority messages for one room, the first of them sends them all as one digest notice
 * and the others find themselves sent. Order holds within one process; several worker
 * processes each keep their own batches in order, but not one room's order between them.
 */
export async function startNotifierWorker(options: NotifierWorkerOptions): Promise<void> {
  const ctx: NotifierContext = {
    db: options.db,
    transport: options.transport,
    pacer: createRoomPacer(options.pacing ?? { burst: 5, perSecond: 1 }),
    logger: options.logger,
    limits: { ...defaultNotifierLimits, ...options.limits },
    sleep,
  };
  const digestFrom = options.digestFrom ?? 3;
  const lanes = createRoomLanes();
  const lowWaiting = new Map<string, NotifySend[]>();
  const batchOrder = createBatchOrder(options.queue);

  await options.queue.work(
    notifyJob,
    async (input, { jobId, attempt, signal }) => {
      const run = { attempt, signal };
      await batchOrder.join(jobId);
      // Redactions name no room; their own lane keeps them in order among themselves.
      const lane = input.action === "send" ? input.room : "(redactions)";
      if (digestible(input)) lowWaiting.set(lane, [...(lowWaiting.get(lane) ?? []), input]);
      return lanes.run(lane, async () => {
        const waiting = lowWaiting.get(lane) ?? [];
        if (digestible(input) && waiting.includes(input)) {
          if (waiting.length >= digestFrom) {
            lowWaiting.delete(lane);
            if (await deliverDigest({ ctx, input: waiting, run })) return;
          } else {
            lowWaiting.set(
              lane,
              waiting.filter((w) => w !== input),
            );
          }
        }
        // Also what a digest's other members do: they find themselves recorded and send nothing.
        await deliverNotification({ ctx, input, run });
      });
    },
    { concurrency: 1, batchSize: options.batchSize ?? 20 },
  );
}

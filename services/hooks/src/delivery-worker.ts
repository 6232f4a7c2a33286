import type { Sql } from "@agora/db";
import { deliveryJob, type JobQueue } from "@agora/queue";
import { startInboxRetention } from "./inbox-retention.ts";
import { processDelivery, type DeliveryConsumer } from "./process-delivery.ts";

export interface DeliveryWorkerOptions {
  db: Sql;
  queue: JobQueue;
  /** Every service that acts on deliveries; each is offered every delivery. */
  consumers: readonly DeliveryConsumer[];
  logger: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /** How long final deliveries are kept (`AGORA_INBOX_RETENTION`). */
  retentionSeconds: number;
  /**
   * Jobs fetched at once and run at once. A delivery's work is a few short statements, so a
   * small batch keeps a second process useful while this one is busy.
   */
  batchSize?: number;
  concurrency?: number;
}

/**
 * The worker side of the intake: takes delivery jobs off the queue, hands each stored delivery
 * to the consumers (see processDelivery), and deletes final deliveries past their retention.
 */
export async function startDeliveryWorker(options: DeliveryWorkerOptions): Promise<{ stop(): Promise<void> }> {
  const ctx = { db: options.db, consumers: options.consumers, logger: options.logger };
  await options.queue.work(
    deliveryJob,
    async (input) => {
      await processDelivery({ ctx, input });
    },
    { concurrency: options.concurrency ?? 2, batchSize: options.batchSize ?? 10 },
  );
  const retention = startInboxRetention({
    db: options.db,
    retentionSeconds: options.retentionSeconds,
    logger: options.logger,
  });
  return { stop: () => retention.stop() };
}

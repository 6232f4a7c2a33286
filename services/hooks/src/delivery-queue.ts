import type { Sql } from "@agora/db";
import { deliveryJob, type JobQueue } from "@agora/queue";
import { createDeliveryStore, type DeliveryStore } from "./delivery-store.ts";

/** The intake's store: each delivery is committed with its delivery job, in one transaction. */
export function queuedDeliveryStore(db: Sql, queue: Pick<JobQueue, "sendMany">): DeliveryStore {
  return createDeliveryStore({
    db,
    enqueue: async (tx, jobs) => {
      await queue.sendMany(deliveryJob, jobs, { tx });
    },
  });
}

import type { Sql } from "@agora/db";
import { deliveryJob, insertJobs } from "@agora/queue";
import { createDeliveryStore, type DeliveryStore, type EnqueueDeliveries } from "./delivery-store.ts";

/**
 * Delivery jobs written with SQL alone, in the storing transaction: the same rows whether the
 * intake runs on Node or in an edge isolate without pg-boss. The queue exists once `agora migrate`
 * (or a process's `queue.register`) has run.
 */
export const enqueueDeliveryJobs: EnqueueDeliveries = async (tx, jobs) => {
  await insertJobs(tx, deliveryJob, jobs);
};

/** The intake's store on Node: each delivery is committed with its delivery job, in one transaction. */
export function queuedDeliveryStore(db: Sql): DeliveryStore {
  return createDeliveryStore({ db, enqueue: enqueueDeliveryJobs });
}

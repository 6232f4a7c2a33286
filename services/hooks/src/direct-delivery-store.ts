import { isDataError, type Sql } from "@agora/db";
import { DeliveryRefusedError, writeDeliveries, type DeliveryStore, type EnqueueDeliveries } from "./delivery-store.ts";

/** A database connection of one request's own, closed once its delivery is written. */
export type ConnectionForRequest = () => Promise<Sql & { close(): Promise<void> }>;

export interface DirectDeliveryStoreOptions {
  connect: ConnectionForRequest;
  enqueue: EnqueueDeliveries;
}

/**
 * Each delivery in a transaction of its own, on a connection opened for it. For an edge isolate,
 * where one request may not use what another opened (so requests cannot share a pool or a batch)
 * and nothing outlives a request; the pooler in front of PostgreSQL (Hyperdrive, PgBouncer) is what
 * keeps connecting cheap there. On Node the group commit of `createDeliveryStore` is faster.
 */
export function directDeliveryStore(options: DirectDeliveryStoreOptions): DeliveryStore {
  return {
    async store(delivery) {
      const db = await options.connect();
      try {
        const [id = null] = await writeDeliveries(db, options.enqueue, [delivery]);
        return { id, stored: id !== null };
      } catch (error) {
        throw isDataError(error) ? new DeliveryRefusedError(error) : error;
      } finally {
        await db.close().catch(() => {});
      }
    },
    async drain() {},
  };
}

import { insertDeliveries, isDataError, sqlState, type NewDelivery, type Sql } from "@agora/db";
import type { DeliveryJob } from "@agora/schemas";

/** Puts the jobs for newly stored deliveries on the queue, inside the storing transaction. */
export type EnqueueDeliveries = (tx: Sql, jobs: DeliveryJob[]) => Promise<void>;

export interface DeliveryStore {
  /** Stores the delivery and enqueues its job; resolves `stored: false` for a redelivery. */
  store(delivery: NewDelivery): Promise<{ id: string | null; stored: boolean }>;
  /** Resolves once every accepted delivery is committed. */
  drain(): Promise<void>;
}

export interface DeliveryStoreOptions {
  db: Sql;
  enqueue: EnqueueDeliveries;
  /**
   * Transactions in flight at once. One is fastest on both databases: while it commits, the next
   * batch gathers, so batches grow with load; more slots split the same load into smaller batches
   * and more commits (measured: 64 connections, 4,175/s with one slot, 3,760 with two, 2,685 with
   * eight, on PostgreSQL on two cores).
   */
  concurrency?: number;
  maxBatch?: number;
}

/**
 * The database refused this delivery's own data. Only its request fails (with a 4xx): the
 * deliveries it was batched with are written without it.
 */
export class DeliveryRefusedError extends Error {
  readonly sqlState: string | undefined;

  constructor(cause: unknown) {
    super("the database refused to store this delivery", { cause });
    this.name = "DeliveryRefusedError";
    this.sqlState = sqlState(cause);
  }
}

interface Waiting {
  delivery: NewDelivery;
  resolve(result: { id: string | null; stored: boolean }): void;
  reject(error: unknown): void;
}

// Deadlock and serialization failures are safe to run again: the whole batch rolled back.
const RETRYABLE_SQLSTATES = new Set(["40P01", "40001"]);

/**
 * Stores deliveries and enqueues the jobs of those that are new, in one transaction, run again on
 * a deadlock or serialization failure (the whole of it rolled back). Resolves with each delivery's
 * id in the order given, null for a redelivery.
 */
export async function writeDeliveries(
  db: Sql,
  enqueue: EnqueueDeliveries,
  deliveries: readonly NewDelivery[],
): Promise<(string | null)[]> {
  // Same lock order in every transaction: concurrent batches sharing keys cannot deadlock.
  const order = deliveries
    .map((delivery, original) => ({ delivery, original }))
    .sort((a, b) => (a.delivery.dedupeKey < b.delivery.dedupeKey ? -1 : 1));
  const sorted = order.map((o) => o.delivery);
  for (let attempt = 1; ; attempt++) {
    try {
      const ids = await db.transaction(async (tx) => {
        const stored = await insertDeliveries(tx, sorted);
        const jobs: DeliveryJob[] = [];
        sorted.forEach((delivery, i) => {
          const id = stored[i];
          if (id) jobs.push({ deliveryId: id, source: delivery.source });
        });
        if (jobs.length) await enqueue(tx, jobs);
        return stored;
      });
      const byOriginal: (string | null)[] = deliveries.map(() => null);
      order.forEach(({ original }, i) => (byOriginal[original] = ids[i] ?? null));
      return byOriginal;
    } catch (error) {
      const code = sqlState(error);
      if (attempt < 3 && code && RETRYABLE_SQLSTATES.has(code)) continue;
      throw error;
    }
  }
}

/**
 * Group commit. A delivery is written at once when no transaction is in flight; while one is,
 * arrivals wait and the next transaction takes them all. At low load every delivery has its own
 * transaction (lowest latency); under load, one commit (and one fsync) serves hundreds, which is
 * what keeps intake fast on a small machine.
 */
export function createDeliveryStore(options: DeliveryStoreOptions): DeliveryStore {
  const concurrency = options.concurrency ?? 1;
  const maxBatch = options.maxBatch ?? 500;
  let waiting: Waiting[] = [];
  let inFlight = 0;
  let idle: (() => void)[] = [];

  /**
   * Writes the batch; when the database refuses the data of one of its deliveries, the batch is
   * split in halves and each written again, until the refused ones stand alone. One bad delivery
   * in a batch of n costs about 2·log2(n) more transactions, and no other delivery fails with it.
   */
  async function flush(batch: Waiting[]): Promise<void> {
    try {
      const ids = await writeDeliveries(
        options.db,
        options.enqueue,
        batch.map((w) => w.delivery),
      );
      batch.forEach((w, i) => w.resolve({ id: ids[i] ?? null, stored: ids[i] != null }));
    } catch (error) {
      if (!isDataError(error)) {
        for (const w of batch) w.reject(error);
      } else if (batch.length === 1) {
        // Alone in its batch, this delivery is the one the database refused.
        for (const w of batch) w.reject(new DeliveryRefusedError(error));
      } else {
        const half = Math.ceil(batch.length / 2);
        await flush(batch.slice(0, half));
        await flush(batch.slice(half));
      }
    }
  }

  let scheduled = false;

  // Batches are taken in a setImmediate, after the event loop has read the sockets: PGlite runs
  // a whole transaction without giving the loop a turn, so taking the next batch straight from
  // the last one's promise would always find it holding one delivery.
  function pump(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      while (inFlight < concurrency && waiting.length > 0) {
        const batch = waiting.slice(0, maxBatch);
        waiting = waiting.slice(maxBatch);
        inFlight++;
        void flush(batch).finally(() => {
          inFlight--;
          if (waiting.length > 0) pump();
          else if (inFlight === 0) {
            for (const done of idle) done();
            idle = [];
          }
        });
      }
    });
  }

  return {
    store(delivery) {
      return new Promise((resolve, reject) => {
        waiting.push({ delivery, resolve, reject });
        pump();
      });
    },
    drain() {
      if (inFlight === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise((resolve) => idle.push(resolve));
    },
  };
}

import { openPostgres, type Database, type NewDelivery } from "@agora/db";
import { queuedDeliveryStore } from "./delivery-queue.ts";
import { DeliveryRefusedError, type DeliveryStore } from "./delivery-store.ts";

/**
 * What a writer answers. A refusal is an outcome, not a thrown error: an error crossing a runtime's
 * boundary (a Durable Object's RPC) arrives as a plain Error, its kind and SQLSTATE lost.
 */
export type WriteOutcome = { id: string | null; stored: boolean } | { refused: true; sqlState: string | undefined };

/** Stores deliveries for intakes elsewhere: an edge isolate hands each one over and awaits its commit. */
export interface DeliveryWriter {
  write(delivery: NewDelivery): Promise<WriteOutcome>;
}

/**
 * A writer that keeps a pool and the Node intake's group commit for as long as it lives: what a
 * Durable Object holds, since it outlives requests where an isolate's fetch does not. Under load
 * one transaction (and one fsync) serves every delivery that arrived while the last committed,
 * where a connection per request pays for its own. The pool opens with the first write; when it
 * cannot, that write fails and the next one tries again.
 */
export function pooledDeliveryWriter(databaseUrl: string, options: { connections?: number } = {}): DeliveryWriter {
  let store: Promise<DeliveryStore> | undefined;
  const opened = () =>
    (store ??= openPostgres(databaseUrl, { max: options.connections ?? 10 }).then(
      (db: Database) => queuedDeliveryStore(db),
      (error: unknown) => {
        store = undefined;
        throw error;
      },
    ));
  return {
    async write(delivery) {
      try {
        return await (await opened()).store(delivery);
      } catch (error) {
        if (error instanceof DeliveryRefusedError) return { refused: true, sqlState: error.sqlState };
        throw error;
      }
    },
  };
}

/** The intake's store over a writer it reaches by call (a Durable Object's stub): refusals come back as errors. */
export function writerDeliveryStore(writer: DeliveryWriter): DeliveryStore {
  return {
    async store(delivery) {
      const outcome = await writer.write(delivery);
      if ("refused" in outcome) throw new DeliveryRefusedError({ code: outcome.sqlState });
      return outcome;
    },
    // Nothing is held here: each store resolves once the writer has committed it.
    async drain() {},
  };
}

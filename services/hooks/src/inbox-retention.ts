import { deleteFinalDeliveries, type Sql } from "@agora/db";

export interface InboxSweep {
  deleted: number;
  batches: number;
  milliseconds: number;
}

// After each batch the sweep rests for four times as long as the batch took, so that it has the
// database a fifth of the time at most, however fast the machine. Measured (`npm run bench`) with
// a backlog of 100,000 deliveries on two cores: with a 50 ms pause the intake ran at 0.44 of its
// rate alone meanwhile; resting this way, at 0.78, still deleting 3,600 rows a second.
const BATCH = 1000;
const REST_PER_BUSY = 4;

/** Deletes every delivery final for longer than `retentionSeconds`, a batch at a time. */
export async function sweepInbox(
  db: Sql,
  retentionSeconds: number,
  options: { batch?: number; restPerBusy?: number } = {},
): Promise<InboxSweep> {
  const batch = options.batch ?? BATCH;
  const started = performance.now();
  let deleted = 0;
  let batches = 0;
  for (;;) {
    const busyFrom = performance.now();
    const n = await deleteFinalDeliveries(db, retentionSeconds, batch);
    deleted += n;
    batches++;
    if (n < batch) break;
    const rest = (performance.now() - busyFrom) * (options.restPerBusy ?? REST_PER_BUSY);
    await new Promise((resolve) => setTimeout(resolve, rest));
  }
  return { deleted, batches, milliseconds: Math.round(performance.now() - started) };
}

export interface InboxRetention {
  stop(): Promise<void>;
}

/**
 * Sweeps the inbox now and then every `intervalSeconds` (a tenth of the retention, at most an
 * hour). Every worker process sweeps; the deletes skip rows another holds, so they never
 * wait on each other. A failed sweep is logged and tried again at the next interval.
 */
export function startInboxRetention(options: {
  db: Sql;
  retentionSeconds: number;
  logger: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  intervalSeconds?: number;
}): InboxRetention {
  const intervalMs = 1000 * (options.intervalSeconds ?? Math.min(3600, Math.max(1, options.retentionSeconds / 10)));
  let running: Promise<void> | undefined;
  const sweep = () => {
    running ??= sweepInbox(options.db, options.retentionSeconds)
      .then((done) => {
        if (done.deleted > 0) options.logger.info(done, "inbox: deleted deliveries past their retention");
      })
      .catch((error: unknown) =>
        options.logger.warn({ err: error }, "inbox: retention sweep failed; trying again later"),
      )
      .finally(() => (running = undefined));
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

import type { Database } from "@agora/db";
import { createJobQueue, type JobQueue, type JobQueueOptions } from "../src/index.ts";

/** A queue that polls and supervises every second or less, so retries and recovery show quickly. */
export function testQueue(db: Database, options: Partial<JobQueueOptions> = {}): JobQueue {
  return createJobQueue({ db, pollingIntervalSeconds: 0.5, superviseIntervalSeconds: 1, ...options });
}

/** Polls `read` until `done` accepts its value; fails with the last value seen. */
export async function waitFor<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting after ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A promise with its resolve function, for handlers that should wait until the test lets them go. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

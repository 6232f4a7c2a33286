import type { Database } from "@agora/db";
import { freshDatabase, type DialectName, type TestDatabase } from "@agora/db/testing";
import { afterAll, beforeAll } from "vitest";
import { createJobQueue, type JobQueue, type JobQueueOptions, type QueueDepth } from "../src/index.ts";

/** A queue that polls and supervises every second or less, so retries and recovery show quickly. */
export function testQueue(db: Database, options: Partial<JobQueueOptions> = {}): JobQueue {
  return createJobQueue({ db, pollingIntervalSeconds: 0.5, superviseIntervalSeconds: 1, ...options });
}

/** A promise with its resolve function, for handlers that should wait until the test lets them go. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/**
 * A started queue on a fresh database of the dialect, for every test of the enclosing `describe`,
 * stopped and dropped after them. Read `queue` and `t` inside tests, once `beforeAll` has run.
 */
export function startedQueue(dialect: DialectName): {
  readonly t: TestDatabase;
  readonly queue: JobQueue;
  depthOf(name: string): Promise<QueueDepth | undefined>;
} {
  let t: TestDatabase | undefined;
  let queue: JobQueue | undefined;
  beforeAll(async () => {
    t = await freshDatabase(dialect);
    queue = testQueue(t.db);
    await queue.start();
  });
  afterAll(async () => {
    await queue?.stop({ timeoutMs: 1000 });
    await t?.drop();
  });
  return {
    get t() {
      if (!t) throw new Error("startedQueue: read inside a test, after beforeAll");
      return t;
    },
    get queue() {
      if (!queue) throw new Error("startedQueue: read inside a test, after beforeAll");
      return queue;
    },
    async depthOf(name) {
      return (await this.queue.depths()).find((d) => d.name === name);
    },
  };
}

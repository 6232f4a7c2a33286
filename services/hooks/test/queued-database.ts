import { freshDatabase, type TestDatabase } from "@agora/db/testing";
import { createJobQueue, deliveryJob, type JobQueue } from "@agora/queue";
import { afterAll, beforeAll } from "vitest";

export interface QueuedDatabase {
  readonly t: TestDatabase;
  readonly queue: JobQueue;
  /** The database's URL, for stores that open connections of their own. */
  readonly url: string;
}

/**
 * A PostgreSQL test database whose delivery queue exists, as `agora migrate` leaves it, for the
 * enclosing describe: the stores under test write the jobs with SQL, and `queue` reads them back.
 */
export function queuedPostgres(): QueuedDatabase {
  let t: TestDatabase | undefined;
  let queue: JobQueue | undefined;
  beforeAll(async () => {
    t = await freshDatabase("postgres");
    queue = createJobQueue({ db: t.db });
    await queue.start();
    await queue.register(deliveryJob);
  });
  afterAll(async () => {
    await queue?.stop({ timeoutMs: 1000 });
    await t?.drop();
  });
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the queued database is set up in beforeAll");
    return value;
  };
  return {
    get t() {
      return need(t);
    },
    get queue() {
      return need(queue);
    },
    get url() {
      const { url } = need(t);
      if (!url) throw new Error("a PostgreSQL test database has a URL");
      return url;
    },
  };
}

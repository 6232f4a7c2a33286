import { readFileSync } from "node:fs";
import { openPostgres, migrate, type Database } from "@agora/db";
import { createPostgresDatabase } from "@agora/db/testing";
import { createDeliveryStore, sweepInbox } from "@agora/hooks";

const issue = readFileSync(
  new URL("../packages/schemas/test/fixtures/gitlab/issue-open.json", import.meta.url),
  "utf8",
);

export interface RetentionFigures {
  rows: number;
  bodyBytes: number;
  sweep: { deleted: number; batches: number; milliseconds: number; rowsPerSecond: number };
  /** Deliveries stored per second by the intake's store alone, then while the sweep runs. */
  intakeAlone: number;
  intakeDuringSweep: number;
  bytesBefore: number;
  bytesAfter: number;
}

async function fill(db: Database, rows: number): Promise<void> {
  // Final for four days: past the default retention of three.
  await db.query(
    `insert into agora_inbox (source, dedupe_key, event, headers, body, processed_at, outcome)
     select 'gitlab', encode(sha256(convert_to('old-' || n, 'UTF8')), 'hex'), 'Issue Hook', '{}', $1,
            now() - interval '4 days', 'issue/open → triage'
       from generate_series(1, $2) n`,
    [issue, rows],
  );
  await db.query("vacuum analyze agora_inbox");
}

/** Deliveries stored per second by `connections` senders for `seconds`, until `until` resolves if given. */
async function storeRate(
  db: Database,
  seconds: number,
  connections: number,
  run: string,
  until?: Promise<unknown>,
): Promise<number> {
  const store = createDeliveryStore({ db, enqueue: async () => {} });
  let stored = 0;
  let done = false;
  const deadline = performance.now() + seconds * 1000;
  void until?.then(() => (done = true));
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      for (let i = 0; !done && performance.now() < deadline; i++) {
        await store.store({
          source: "gitlab",
          dedupeKey: `${run}-${c}-${i}`,
          event: "Issue Hook",
          headers: {},
          body: issue,
        });
        stored++;
      }
    }),
  );
  return stored / ((performance.now() - started) / 1000);
}

const sizeOf = async (db: Database) =>
  (await db.query<{ b: number }>("select pg_total_relation_size('agora_inbox')::float8 as b"))[0]!.b;

/**
 * The retention sweep's cost on PostgreSQL: how fast it deletes a backlog of final deliveries,
 * and what it takes from intake running at the same time (the same store, measured alone first).
 */
export async function retentionBenchmark(options: {
  rows: number;
  seconds: number;
  connections: number;
}): Promise<RetentionFigures> {
  const created = await createPostgresDatabase();
  const db = await openPostgres(created.url, { max: 12 });
  try {
    await migrate(db);
    await fill(db, options.rows);
    const bytesBefore = await sizeOf(db);
    const intakeAlone = await storeRate(db, options.seconds, options.connections, "alone");
    const sweeping = sweepInbox(db, 3 * 86400);
    const intakeDuringSweep = await storeRate(db, options.seconds, options.connections, "during", sweeping);
    const sweep = await sweeping;
    await db.query("vacuum agora_inbox");
    return {
      rows: options.rows,
      bodyBytes: Buffer.byteLength(issue),
      sweep: { ...sweep, rowsPerSecond: sweep.deleted / (sweep.milliseconds / 1000) },
      intakeAlone,
      intakeDuringSweep,
      bytesBefore,
      bytesAfter: await sizeOf(db),
    };
  } finally {
    await db.close();
    await created.drop();
  }
}

export async function printRetentionBenchmark(options: {
  rows: number;
  seconds: number;
  connections: number;
}): Promise<void> {
  const f = await retentionBenchmark(options);
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
  console.log(
    `backlog: ${f.rows} final deliveries of ${f.bodyBytes} bytes, past the retention (${mib(f.bytesBefore)})`,
  );
  console.log(
    `sweep:   ${f.sweep.deleted} deleted in ${f.sweep.batches} batches, ${f.sweep.milliseconds} ms (${f.sweep.rowsPerSecond.toFixed(0)} rows/s, ${(f.sweep.milliseconds / f.sweep.batches).toFixed(1)} ms a batch with its pause)`,
  );
  console.log(
    `intake:  ${f.intakeAlone.toFixed(0)}/s alone, ${f.intakeDuringSweep.toFixed(0)}/s while sweeping (×${(f.intakeDuringSweep / f.intakeAlone).toFixed(2)}; ${options.connections} senders)`,
  );
  console.log(
    `after:   ${mib(f.bytesAfter)} on disk, vacuumed: the space is reused by new rows, not returned to the OS`,
  );
}

import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import type { Sql } from "@agora/db";
import { freshDatabase, type DialectName, type TestDatabase } from "@agora/db/testing";
import { createLogger, createMetrics } from "@agora/http";
import type { DeliveryJob } from "@agora/schemas";
import { createApp, createDeliveryStore, createIntakeCounter } from "../src/index.ts";

const fixtures = new URL("../../../packages/schemas/test/fixtures/", import.meta.url);

export function fixtureText(path: string): string {
  return readFileSync(new URL(path, fixtures), "utf8");
}

export const GITLAB_SECRET = "gl-secret-0123456789-abcdef";
export const DISCOURSE_SECRET = "my_lovely_secret_for_web_hook";

export interface Harness {
  t: TestDatabase;
  app: ReturnType<typeof createApp>;
  logs: string[];
  jobs(): Promise<DeliveryJob[]>;
  inbox(): Promise<{ source: string; event: string; body: string; headers: Record<string, string> }[]>;
}

/**
 * The intake over a real database. Jobs go to a table of the test's own, written in the
 * storing transaction, so a test sees exactly what the storing transaction committed.
 */
export async function intakeHarness(
  dialect: DialectName,
  options: { bodyLimit?: number; failEnqueue?: boolean; secrets?: { gitlab?: string; discourse?: string } } = {},
): Promise<Harness> {
  const t = await freshDatabase(dialect);
  await t.db.query("create table test_job (data jsonb not null)");
  const enqueue = async (tx: Sql, jobs: DeliveryJob[]) => {
    for (const job of jobs) await tx.query("insert into test_job (data) values ($1)", [JSON.stringify(job)]);
    if (options.failEnqueue) throw new Error("queue is down");
  };
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _e, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const metrics = createMetrics({ defaultMetrics: false });
  const app = createApp({
    deps: {
      store: createDeliveryStore({ db: t.db, enqueue }),
      secrets: options.secrets ?? { gitlab: GITLAB_SECRET, discourse: DISCOURSE_SECRET },
      bodyLimit: options.bodyLimit ?? 25 * 1024 * 1024,
      intakeCounter: createIntakeCounter(metrics.registry),
    },
    logger: createLogger({ level: "debug", destination }),
    metrics,
    readiness: { database: () => t.db.ping() },
  });
  return {
    t,
    app,
    logs,
    async jobs() {
      return (await t.db.query<{ data: DeliveryJob }>("select data from test_job")).map((r) => r.data);
    },
    inbox() {
      return t.db.query("select source, event, body, headers from agora_inbox order by received_at");
    },
  };
}

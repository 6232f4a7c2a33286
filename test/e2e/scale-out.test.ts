import { readFileSync } from "node:fs";
import { createPostgresDatabase } from "@agora/db/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GITLAB_SECRET, startAgora, type AgoraProcess } from "./processes.ts";

const issue = readFileSync(
  new URL("../../packages/schemas/test/fixtures/gitlab/issue-open.json", import.meta.url),
  "utf8",
);
const UNIQUE = 1600;
const DUPLICATES = 400;

async function inParallel<T>(items: readonly T[], width: number, each: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        await each(items[i]!, i);
      }
    }),
  );
}

describe("three intake processes and two workers on one PostgreSQL", () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  const processes: AgoraProcess[] = [];

  beforeAll(async () => {
    database = await createPostgresDatabase();
    const env = { DATABASE_URL: database.url };
    // Started together on purpose: migrations and pg-boss's schema must cope with replicas racing.
    processes.push(
      ...(await Promise.all([
        startAgora(["serve", "hooks"], env),
        startAgora(["serve", "hooks"], env),
        startAgora(["serve", "hooks"], env),
        startAgora(["work"], env),
        startAgora(["work"], env),
      ])),
    );
  });

  afterAll(async () => {
    const codes = await Promise.all(processes.map((p) => p.stop()));
    await database?.drop();
    expect(codes).toEqual(processes.map(() => 0));
  });

  it("processes each of 2,000 deliveries, a fifth of them duplicates, exactly once", async () => {
    const intakes = processes.slice(0, 3);
    // Every fourth unique delivery is sent twice, the copy to another process than the original.
    const sends = Array.from({ length: UNIQUE }, (_, i) => ({ key: `delivery-${i}`, via: i % 3 }));
    for (let i = 0; i < DUPLICATES; i++) sends.push({ key: `delivery-${i * 4}`, via: (i * 4 + 1) % 3 });
    expect(sends).toHaveLength(2000);

    const statuses: number[] = [];
    await inParallel(sends, 48, async (send) => {
      const res = await fetch(`${intakes[send.via]!.url}/hooks/gitlab`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-gitlab-event": "Issue Hook",
          "x-gitlab-token": GITLAB_SECRET,
          "idempotency-key": send.key,
          "x-gitlab-event-uuid": send.key,
        },
        body: issue,
      });
      statuses.push(res.status);
      await res.arrayBuffer();
    });
    expect(statuses.filter((s) => s === 202)).toHaveLength(2000);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const deadline = Date.now() + 120_000;
      let pending = -1;
      while (Date.now() < deadline) {
        const { rows } = await client.query("select count(*)::int as n from agora_inbox where processed_at is null");
        pending = rows[0].n;
        if (pending === 0) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(pending).toBe(0);
      const { rows } = await client.query(
        `select count(*)::int as stored,
                count(*) filter (where process_count = 1)::int as once,
                count(*) filter (where outcome like 'issue/open%')::int as parsed
           from agora_inbox`,
      );
      expect(rows[0]).toEqual({ stored: UNIQUE, once: UNIQUE, parsed: UNIQUE });
      const jobs = await client.query(
        `select state::text as state, count(*)::int as n from pgboss.job where name = 'delivery' group by state`,
      );
      expect(jobs.rows).toEqual([{ state: "completed", n: UNIQUE }]);
    } finally {
      await client.end();
    }
  });
});

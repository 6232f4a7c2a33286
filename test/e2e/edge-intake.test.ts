import { createHmac } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPostgresDatabase } from "@agora/db/testing";
import { freePort, startDeno, startPgbouncer, startWorkerd, type Child, type Pgbouncer } from "@agora/edge";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISCOURSE_SECRET, GITLAB_SECRET, migrateDatabase, startAgora, type AgoraProcess } from "./processes.ts";

const root = new URL("../../", import.meta.url);
const fixtures = new URL("packages/schemas/test/fixtures/", root);
const read = (path: string) => readFileSync(new URL(path, fixtures), "utf8");

interface Delivery {
  name: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

const gitlab: Delivery[] = [
  ["issue-open.json", "Issue Hook"],
  ["note-issue.json", "Note Hook"],
  ["merge-request.json", "Merge Request Hook"],
].map(([name = "", event = ""], i) => ({
  name,
  path: "/hooks/gitlab",
  headers: { "x-gitlab-event": event, "x-gitlab-token": GITLAB_SECRET, "x-gitlab-event-uuid": `edge-${i}` },
  body: read(`gitlab/${name}`),
}));

const discourse: Delivery[] = readdirSync(new URL("discourse/", fixtures))
  .filter((name) => name.startsWith("fedora_"))
  .map((name, i) => {
    const file = JSON.parse(read(`discourse/${name}`)) as { headers: Record<string, string>; body: unknown };
    // Spacing of its own: the signature is over these bytes, not over re-serialised JSON.
    const body = JSON.stringify(file.body, null, 1);
    const signature = `sha256=${createHmac("sha256", DISCOURSE_SECRET).update(body).digest("hex")}`;
    // Each its own event id, so that none is taken as a redelivery of another.
    return {
      name,
      path: "/hooks/discourse",
      headers: { ...file.headers, "X-Discourse-Event-Id": String(9000 + i), "X-Discourse-Event-Signature": signature },
      body,
    };
  });

const deliveries = [...gitlab, ...discourse];

/** Serves the intake on `port` with the bindings it reads. */
type StartIntake = (port: number, bindings: Record<string, string>) => Promise<Child>;

const inWorkerd =
  (withoutDurableObjects: boolean): StartIntake =>
  (port, bindings) =>
    startWorkerd(mkdtempSync(join(tmpdir(), "agora-edge-test-")), [
      { worker: "hooks", port, bindings, withoutDurableObjects },
    ]);

const runtimes: { runtime: string; start: StartIntake }[] = [
  { runtime: "workerd, a Durable Object writing", start: inWorkerd(false) },
  { runtime: "workerd, a connection per request", start: inWorkerd(true) },
  {
    runtime: "deno serve, a pool in the process",
    start: (port, env) => startDeno(mkdtempSync(join(tmpdir(), "agora-deno-test-")), { entry: "hooks", port, env }),
  },
];

// The intake at the edge (workerd, the real runtime from npm, and Deno) writes through PgBouncer in
// transaction mode, without pg-boss; a Node `agora work` started afterwards processes what it stored.
describe.each(runtimes)("the intake in $runtime, through PgBouncer, processed by a Node worker", ({ start }) => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let pooler: Pgbouncer | undefined;
  let served: Child | undefined;
  let worker: AgoraProcess | undefined;
  let intake = "";

  beforeAll(async () => {
    database = await createPostgresDatabase();
    migrateDatabase(database.url);
    pooler = await startPgbouncer(database.url);
    const port = await freePort();
    served = await start(port, {
      DATABASE_URL: pooler.url,
      GITLAB_WEBHOOK_SECRET: GITLAB_SECRET,
      DISCOURSE_WEBHOOK_SECRET: DISCOURSE_SECRET,
      LOG_LEVEL: "warn",
    });
    intake = `http://127.0.0.1:${port}`;
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await served?.stop();
    await pooler?.stop();
    await database?.drop();
  });

  const send = (d: Delivery, headers: Record<string, string> = {}) =>
    fetch(`${intake}${d.path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...d.headers, ...headers },
      body: d.body,
    });

  it("answers readiness with the database reached through the pooler", async () => {
    const res = await fetch(`${intake}/readyz`);
    expect(await res.json()).toEqual({ status: "ok", checks: { database: { ok: true } } });
  });

  it("stores every GitLab and Discourse fixture once, however often it is sent, and the Node worker processes each once", async () => {
    for (const d of deliveries) {
      const first = await send(d);
      expect([d.name, first.status, await first.text()]).toEqual([d.name, 202, ""]);
      // A redelivery, as GitLab and Discourse send after a timeout.
      expect((await send(d)).status).toBe(202);
    }
    const forged = await send(gitlab[0]!, { "x-gitlab-token": "not the secret", "x-gitlab-event-uuid": "forged" });
    expect(forged.status).toBe(401);
    const badSignature = await send(discourse[0]!, {
      "X-Discourse-Event-Id": "forged",
      "X-Discourse-Event-Signature": `sha256=${"0".repeat(64)}`,
    });
    expect(badSignature.status).toBe(401);
    // A character PostgreSQL's text cannot hold (NUL): refused with a 4xx naming the body, also
    // when the refusal comes back from the Durable Object, and nothing of it is kept.
    const nul = await send(
      { ...gitlab[0]!, body: gitlab[0]!.body.replace(/^\{/, '{"note":"\u0000",') },
      { "x-gitlab-event-uuid": "nul" },
    );
    expect(nul.status).toBe(400);
    expect(((await nul.json()) as { error: { message: string } }).error.message).toMatch(/^body: /);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      // Stored and queued by the edge alone: nothing has processed them yet.
      const waiting = await client.query(
        "select count(*)::int as n from pgboss.job where name = 'delivery' and state = 'created'",
      );
      expect(waiting.rows[0].n).toBe(deliveries.length);

      worker = await startAgora(["work"], { DATABASE_URL: database.url });
      const deadline = Date.now() + 60_000;
      let pending = -1;
      while (Date.now() < deadline) {
        const { rows } = await client.query("select count(*)::int as n from agora_inbox where processed_at is null");
        pending = rows[0].n;
        if (pending === 0) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(pending).toBe(0);
      const inbox = await client.query(
        "select source, count(*)::int as stored, count(*) filter (where process_count = 1 and outcome is not null)::int as once from agora_inbox group by source order by source",
      );
      expect(inbox.rows).toEqual([
        { source: "discourse", stored: discourse.length, once: discourse.length },
        { source: "gitlab", stored: gitlab.length, once: gitlab.length },
      ]);
      const jobs = await client.query(
        "select state::text as state, count(*)::int as n from pgboss.job where name = 'delivery' group by state",
      );
      expect(jobs.rows).toEqual([{ state: "completed", n: deliveries.length }]);
      const perDelivery = await client.query(
        "select count(*)::int as n from agora_inbox i where (select count(*) from pgboss.job j where j.name = 'delivery' and j.data->>'deliveryId' = i.id::text) <> 1",
      );
      expect(perDelivery.rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });
});

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger, createMetrics } from "@agora/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSettings } from "../src/settings.ts";
import { buildSystem, type System } from "../src/system.ts";

const example = new URL("../../../config/community.example.yaml", import.meta.url).pathname;
const SECRET = "system-test-secret";

describe("the one-process system on PGlite", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "agora-system-"));
  let system: System;

  beforeAll(async () => {
    const settings = loadSettings({ AGORA_CONFIG: example, AGORA_DATA_DIR: dataDir, GITLAB_WEBHOOK_SECRET: SECRET }, false);
    if (!settings.ok) throw new Error(settings.problems.join("\n"));
    system = await buildSystem({
      env: settings.env,
      community: settings.community,
      roles: { intake: true, statusPage: true, workers: true, bot: true },
      service: "agora",
      logger: createLogger({ level: "silent" }),
      metrics: createMetrics({ defaultMetrics: false }),
      queueTiming: { pollingIntervalSeconds: 0.5 },
    });
  });

  afterAll(async () => {
    await system.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("stores a delivery, processes it in the background and shows it on the status page", async () => {
    const body = readFileSync(new URL("../../../packages/schemas/test/fixtures/gitlab/issue-open.json", import.meta.url), "utf8");
    const res = await system.app.request("/hooks/gitlab", {
      method: "POST",
      headers: { "x-gitlab-event": "Issue Hook", "x-gitlab-token": SECRET, "idempotency-key": "sys-1" },
      body,
    });
    expect(res.status).toBe(202);

    let page = "";
    for (let i = 0; i < 60 && !page.includes("→"); i++) {
      await new Promise((r) => setTimeout(r, 250));
      page = await (await system.app.request("/")).text();
    }
    expect(page).toContain("issue/open → no consumer");
    expect(page).toContain("GitLab intake");

    const invalid = await system.app.request("/hooks/gitlab", {
      method: "POST",
      headers: { "x-gitlab-event": "Issue Hook", "x-gitlab-token": SECRET, "idempotency-key": "sys-2" },
      body: JSON.stringify({ object_kind: "issue", object_attributes: { title: 5 } }),
    });
    // Acknowledged all the same: GitLab disables hooks that keep failing. The reason is kept.
    expect(invalid.status).toBe(202);
    for (let i = 0; i < 60 && !page.includes("invalid:"); i++) {
      await new Promise((r) => setTimeout(r, 250));
      page = await (await system.app.request("/")).text();
    }
    expect(page).toMatch(/invalid: [^<]*object_attributes\.title/);
    expect(page).toContain("8 SIGs");
    expect(page).not.toContain(SECRET);
  });

  it("reports queue depth and dead letters in /metrics", async () => {
    const text = await (await system.app.request("/metrics")).text();
    expect(text).toMatch(/agora_queue_jobs\{queue="delivery",state="queued"\} \d+/);
    expect(text).toContain('agora_queue_dead_letters{queue="delivery"} 0');
  });

  it("is ready when the database and the queue answer", async () => {
    expect(await (await system.app.request("/readyz")).json()).toEqual({
      status: "ok",
      checks: { database: { ok: true }, queue: { ok: true } },
    });
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger, createMetrics } from "@agora/http";
import { notifyJob } from "@agora/queue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSettings } from "../src/settings.ts";
import { buildSystem, type System } from "../src/system.ts";

const example = new URL("../../../config/community.example.yaml", import.meta.url).pathname;

describe("without a homeserver", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "agora-matrix-waiting-"));
  let system: System;

  beforeAll(async () => {
    const settings = loadSettings({ AGORA_CONFIG: example, AGORA_DATA_DIR: dataDir }, false);
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

  it("keeps notify jobs in the queue and lists them on the status page", async () => {
    await system.queue.send(notifyJob, {
      action: "send",
      dedupeKey: "status-page-test",
      room: "#kernel:example.org",
      body: "Kernel panic on boot <b>(#42)</b>\nsecond line stays off the page",
    });
    // Give a worker, were one wrongly started, time to take it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const page = await (await system.app.request("/")).text();
    expect(page).toContain("Matrix notifier");
    expect(page).toContain("no homeserver: messages wait in the queue");
    expect(page).toContain("<code>#kernel:example.org</code>");
    expect(page).toContain("Kernel panic on boot &lt;b&gt;(#42)&lt;/b&gt;");
    expect(page).not.toContain("second line");
    const depth = (await system.queue.depths()).find((d) => d.name === "notify");
    expect(depth).toMatchObject({ queued: 1, active: 0 });
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GITLAB_SECRET, startAgora } from "./processes.ts";

const issue = JSON.stringify({ object_kind: "issue", event_type: "issue", user: { id: 1, name: "A", username: "a" }, project: { id: 1 }, object_attributes: { id: 1, iid: 1, title: "t", action: "open" } });

describe("agora start on the embedded database", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "agora-e2e-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("serves, stops on SIGTERM with code 0, and keeps what it stored across a restart", async () => {
    const first = await startAgora(["start"], { AGORA_DATA_DIR: dataDir });
    const status = await fetch(`${first.url}/`);
    expect(status.status).toBe(200);
    expect(await status.text()).toContain("Queues");
    // Import order in a real process differs from the test runner's: the API document must build here too.
    const doc = (await (await fetch(`${first.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/healthz", "/readyz", "/hooks/gitlab", "/hooks/discourse"]));
    expect((await fetch(`${first.url}/docs`)).status).toBe(200);
    const res = await fetch(`${first.url}/hooks/gitlab`, {
      method: "POST",
      headers: { "x-gitlab-event": "Issue Hook", "x-gitlab-token": GITLAB_SECRET, "idempotency-key": "persisted-1" },
      body: issue,
    });
    expect(res.status).toBe(202);
    expect(await first.stop()).toBe(0);

    const second = await startAgora(["start"], { AGORA_DATA_DIR: dataDir });
    try {
      const again = await fetch(`${second.url}/hooks/gitlab`, {
        method: "POST",
        headers: { "x-gitlab-event": "Issue Hook", "x-gitlab-token": GITLAB_SECRET, "idempotency-key": "persisted-1" },
        body: issue,
      });
      expect(again.status).toBe(202);
      const metrics = await (await fetch(`${second.url}/metrics`)).text();
      expect(metrics).toContain('agora_intake_deliveries_total{source="gitlab",result="duplicate"} 1');
      const page = await (await fetch(`${second.url}/`)).text();
      expect(page).toContain("Issue Hook");
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });
});

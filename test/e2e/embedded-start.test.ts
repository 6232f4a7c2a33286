import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GITLAB_SECRET, startAgora } from "./processes.ts";

const ADMIN_TOKEN = "e2e-admin-token";
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
// The required questions of the example survey (config/surveys/example.yaml).
const answers = new URLSearchParams([
  ["q.usage", "cloud"],
  ["q.versions", "v9"],
  ["q.satisfaction", "4"],
  ["q.recommend", "9"],
]);

const issue = JSON.stringify({
  object_kind: "issue",
  event_type: "issue",
  user: { id: 1, name: "A", username: "a" },
  project: { id: 1 },
  object_attributes: { id: 1, iid: 1, title: "t", action: "open" },
});

describe("agora start on the embedded database", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "agora-e2e-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("serves, stops on SIGTERM with code 0, and keeps what it stored across a restart", async () => {
    const first = await startAgora(["start"], { AGORA_DATA_DIR: dataDir, AGORA_ADMIN_TOKEN: ADMIN_TOKEN });
    const status = await fetch(`${first.url}/`);
    expect(status.status).toBe(200);
    expect(await status.text()).toContain("Queues");
    // Import order in a real process differs from the test runner's: the API document must build here too.
    const doc = (await (await fetch(`${first.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/healthz", "/readyz", "/hooks/gitlab", "/hooks/discourse", "/api/surveys"]),
    );
    expect((await fetch(`${first.url}/docs`)).status).toBe(200);
    const res = await fetch(`${first.url}/hooks/gitlab`, {
      method: "POST",
      headers: { "x-gitlab-event": "Issue Hook", "x-gitlab-token": GITLAB_SECRET, "idempotency-key": "persisted-1" },
      body: issue,
    });
    expect(res.status).toBe(202);
    // The example survey is published from its file and takes an answer from its page.
    const survey = await fetch(`${first.url}/s/example`);
    expect(survey.status).toBe(200);
    expect(await survey.text()).toContain("Community survey 2026");
    const sent = await fetch(`${first.url}/s/example`, { method: "POST", body: answers, redirect: "manual" });
    expect(sent.status).toBe(303);
    expect(await first.stop()).toBe(0);

    const second = await startAgora(["start"], { AGORA_DATA_DIR: dataDir, AGORA_ADMIN_TOKEN: ADMIN_TOKEN });
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
      // Restarting with the same file keeps the survey and its answer.
      const stored = await fetch(`${second.url}/api/surveys/example`, { headers: admin });
      expect(await stored.json()).toMatchObject({ state: "open", answerCount: 1 });
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });
});

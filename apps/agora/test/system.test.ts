import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { waitFor } from "@agora/db/testing";
import { systemForTests } from "./system-harness.ts";

const SECRET = "system-test-secret";

describe("the one-process system on PGlite", () => {
  const harness = systemForTests({ env: () => ({ GITLAB_WEBHOOK_SECRET: SECRET }) });

  it("stores a delivery, processes it in the background and shows it on the status page", async () => {
    const body = readFileSync(
      new URL("../../../packages/schemas/test/fixtures/gitlab/issue-open.json", import.meta.url),
      "utf8",
    );
    const res = await harness.system.app.request("/hooks/gitlab", {
      method: "POST",
      headers: { "x-gitlab-event": "Issue Hook", "x-gitlab-token": SECRET, "idempotency-key": "sys-1" },
      body,
    });
    expect(res.status).toBe(202);

    const statusPage = async () => (await harness.system.app.request("/")).text();
    let page = await waitFor(statusPage, (text) => text.includes("→"), {
      what: "the delivery's outcome on the status page",
    });
    // Without GITLAB_URL and GITLAB_TOKEN the triage job is taken and waits in the queue.
    expect(page).toContain("issue/open → triage");
    expect(page).toMatch(/<code>triage<\/code><\/td><td class="num">1</);
    expect(page).toContain("GitLab intake");

    const invalid = await harness.system.app.request("/hooks/gitlab", {
      method: "POST",
      headers: { "x-gitlab-event": "Issue Hook", "x-gitlab-token": SECRET, "idempotency-key": "sys-2" },
      body: JSON.stringify({ object_kind: "issue", object_attributes: { title: 5 } }),
    });
    // Acknowledged all the same: GitLab disables hooks that keep failing. The reason is kept.
    expect(invalid.status).toBe(202);
    page = await waitFor(statusPage, (text) => text.includes("invalid:"), {
      what: "the invalid delivery on the status page",
    });
    expect(page).toMatch(/invalid: [^<]*object_attributes\.title/);
    expect(page).toContain("8 SIGs");
    expect(page).not.toContain(SECRET);
  });

  it("reports queue depth and dead letters in /metrics", async () => {
    const text = await (await harness.system.app.request("/metrics")).text();
    expect(text).toMatch(/agora_queue_jobs\{queue="delivery",state="queued"\} \d+/);
    expect(text).toContain('agora_queue_dead_letters{queue="delivery"} 0');
  });

  it("is ready when the database and the queue answer", async () => {
    expect(await (await harness.system.app.request("/readyz")).json()).toEqual({
      status: "ok",
      checks: { database: { ok: true }, queue: { ok: true } },
    });
  });
});

import { dialects } from "@agora/db/testing";
import { afterEach, describe, expect, it } from "vitest";
import { fixtureText, GITLAB_SECRET, intakeHarness, type Harness } from "./harness.ts";

const issue = fixtureText("gitlab/issue-open.json");

function post(h: Harness, body: string, headers: Record<string, string> = {}) {
  return h.app.request("/hooks/gitlab", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-gitlab-event": "Issue Hook",
      "x-gitlab-token": GITLAB_SECRET,
      "x-gitlab-instance": "https://gitlab.example.org",
      ...headers,
    },
    body,
  });
}

describe.each(dialects)("GitLab intake on %s", (dialect) => {
  let h: Harness;
  afterEach(() => h.t.drop());

  it("stores a delivery with its job and answers 202 with an empty body", async () => {
    h = await intakeHarness(dialect);
    const res = await post(h, issue, { "x-gitlab-event-uuid": "u-1", "idempotency-key": "k-1" });
    expect(res.status).toBe(202);
    expect(await res.text()).toBe("");
    const [row] = await h.inbox();
    expect(row?.body).toBe(issue);
    expect(row?.event).toBe("Issue Hook");
    expect(row?.headers["idempotency-key"]).toBe("k-1");
    expect(JSON.stringify(row?.headers)).not.toContain(GITLAB_SECRET);
    expect(await h.jobs()).toEqual([{ deliveryId: expect.any(String), source: "gitlab" }]);
  });

  it("stores a redelivery once, by Idempotency-Key, else by event UUID", async () => {
    h = await intakeHarness(dialect);
    expect((await post(h, issue, { "idempotency-key": "k-2", "x-gitlab-event-uuid": "a" })).status).toBe(202);
    expect((await post(h, issue, { "idempotency-key": "k-2", "x-gitlab-event-uuid": "b" })).status).toBe(202);
    expect((await post(h, issue, { "x-gitlab-event-uuid": "e-9" })).status).toBe(202);
    expect((await post(h, issue, { "x-gitlab-event-uuid": "e-9", "x-gitlab-webhook-uuid": "new" })).status).toBe(202);
    expect(await h.inbox()).toHaveLength(2);
    expect(await h.jobs()).toHaveLength(2);
  });

  it("stores concurrent copies of one delivery once", async () => {
    h = await intakeHarness(dialect);
    const answers = await Promise.all(Array.from({ length: 40 }, () => post(h, issue, { "idempotency-key": "same" })));
    expect(answers.map((r) => r.status)).toEqual(Array(40).fill(202));
    expect(await h.inbox()).toHaveLength(1);
    expect(await h.jobs()).toHaveLength(1);
  });

  it("stores a delivery with a key of several KB beside the valid ones sent at the same moment", async () => {
    h = await intakeHarness(dialect);
    const huge = "k".repeat(8000);
    const sends = Array.from({ length: 60 }, (_, i) =>
      post(h, issue, { "idempotency-key": i === 30 ? huge : `k-${i}` }),
    );
    expect((await Promise.all(sends)).map((r) => r.status)).toEqual(Array(60).fill(202));
    expect((await post(h, issue, { "idempotency-key": huge })).status).toBe(202);
    expect(await h.inbox()).toHaveLength(60);
  });

  it.each([
    ["a wrong token", { "x-gitlab-token": "wrong" }],
    ["no token", { "x-gitlab-token": "" }],
  ])("refuses %s with 401 and stores nothing", async (_, headers) => {
    h = await intakeHarness(dialect);
    const res = await post(h, issue, headers);
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("unauthorized");
    expect(body.error.message).toContain("X-Gitlab-Token");
    expect(await h.inbox()).toHaveLength(0);
  });

  it("refuses malformed JSON and non-objects with 400 naming the body", async () => {
    h = await intakeHarness(dialect);
    for (const body of ["{not json", "[1,2]", '"text"', ""]) {
      const res = await post(h, body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^body: /);
    }
    expect(await h.inbox()).toHaveLength(0);
  });

  it("refuses a missing event header with 400 naming it", async () => {
    h = await intakeHarness(dialect);
    const res = await post(h, issue, { "x-gitlab-event": "" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      "header x-gitlab-event: required",
    );
  });

  it("refuses a body over the limit with 413", async () => {
    h = await intakeHarness(dialect, { bodyLimit: 1000 });
    const res = await post(h, issue);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
    expect(await h.inbox()).toHaveLength(0);
  });

  it("refuses a declared length over the limit before reading the body", async () => {
    h = await intakeHarness(dialect, { bodyLimit: 1000 });
    const res = await post(h, issue, { "content-length": String(Buffer.byteLength(issue)) });
    expect(res.status).toBe(413);
    expect(await h.inbox()).toHaveLength(0);
  });

  it("counts a streamed body of undeclared length and stops it at the limit", async () => {
    h = await intakeHarness(dialect, { bodyLimit: 1000 });
    const stream = (text: string) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          const bytes = new TextEncoder().encode(text);
          for (let i = 0; i < bytes.length; i += 300) controller.enqueue(bytes.slice(i, i + 300));
          controller.close();
        },
      });
    const send = (text: string, key: string) =>
      h.app.request("/hooks/gitlab", {
        method: "POST",
        headers: { "x-gitlab-event": "Issue Hook", "x-gitlab-token": GITLAB_SECRET, "idempotency-key": key },
        body: stream(text),
        duplex: "half",
      } as RequestInit);
    expect((await send(issue, "big")).status).toBe(413);
    expect((await send('{"object_kind":"issue"}', "small")).status).toBe(202);
    expect((await h.inbox()).map((r) => r.body)).toEqual(['{"object_kind":"issue"}']);
  });

  it("stores and acknowledges events of kinds Agora does not use", async () => {
    h = await intakeHarness(dialect);
    const res = await post(h, JSON.stringify({ object_kind: "push", ref: "refs/heads/main" }), {
      "x-gitlab-event": "Push Hook",
    });
    expect(res.status).toBe(202);
    expect((await h.inbox())[0]?.event).toBe("Push Hook");
  });

  it("stores nothing when the job cannot be enqueued in the same transaction", async () => {
    h = await intakeHarness(dialect, { failEnqueue: true });
    const res = await post(h, issue, { "idempotency-key": "k-fail" });
    expect(res.status).toBe(500);
    expect(await h.inbox()).toHaveLength(0);
    expect(await h.jobs()).toHaveLength(0);
  });

  it("answers 503 while no secret is configured", async () => {
    h = await intakeHarness(dialect, { secrets: {} });
    const res = await post(h, issue);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("GITLAB_WEBHOOK_SECRET");
  });

  it("never writes the secret to the log", async () => {
    h = await intakeHarness(dialect);
    await post(h, issue, { "x-gitlab-token": "wrong-" + GITLAB_SECRET });
    await post(h, issue);
    expect(h.logs.join("")).not.toContain(GITLAB_SECRET);
  });

  it("counts deliveries by result in /metrics", async () => {
    h = await intakeHarness(dialect);
    await post(h, issue, { "idempotency-key": "m" });
    await post(h, issue, { "idempotency-key": "m" });
    await post(h, issue, { "x-gitlab-token": "nope" });
    const text = await (await h.app.request("/metrics")).text();
    expect(text).toContain('agora_intake_deliveries_total{source="gitlab",result="stored"} 1');
    expect(text).toContain('agora_intake_deliveries_total{source="gitlab",result="duplicate"} 1');
    expect(text).toContain('agora_intake_deliveries_total{source="gitlab",result="unauthorized"} 1');
  });
});

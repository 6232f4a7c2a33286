import { createGitlabApi } from "@agora/gitlab";
import { startFakeGitlab, type FakeGitlab } from "@agora/gitlab/testing";
import { freshDatabase, type TestDatabase, waitFor } from "@agora/db/testing";
import { createJobQueue, defineJob, type JobQueue } from "@agora/queue";
import { Community } from "@agora/schemas";
import { afterAll, beforeAll, expect, it } from "vitest";
import { z } from "zod";
import { applyRouting, type ActionResult, type ActionsContext } from "../../src/actions/index.ts";
import { asTriageJob } from "../../src/consumers/index.ts";

// The verbs only classify; the retrying is the queue's. This runs them as a real job on pg-boss
// (PGlite), translated as the worker does, to show that a transient failure comes back and
// succeeds, and a refusal dead-letters.

const token = "glpat-queue-secret-7";
const community = Community.parse({
  sigs: [
    {
      id: "cloud",
      name: "Cloud",
      leads: [{ matrix: "@alice:example.org", gitlab: "alice" }],
      gitlab: { labels: ["sig::cloud"] },
      room: "#cloud:example.org",
    },
  ],
});
const decision = { sig: "cloud", confidence: 0.9, reasons: ["rule: keyword ec2"] };

let t: TestDatabase;
let queue: JobQueue;
let fake: FakeGitlab;
const results: { iid: number; result: ActionResult }[] = [];
const job = defineJob({
  name: "test.triage-apply",
  data: z.object({ projectId: z.number(), issueIid: z.number() }),
  retryLimit: 3,
  retryDelaySeconds: 1,
  retryBackoff: false,
});

beforeAll(async () => {
  fake = await startFakeGitlab({ token, users: [{ id: 3, username: "alice" }] });
  const ctx: ActionsContext = {
    gitlab: createGitlabApi({ url: fake.url, token }),
    botUsername: "agora-bot",
    community,
    logger: { info: () => {}, warn: () => {} },
  };
  t = await freshDatabase("pglite");
  queue = createJobQueue({ db: t.db, pollingIntervalSeconds: 0.5, superviseIntervalSeconds: 1 });
  await queue.start();
  await queue.work(job, async ({ projectId, issueIid }) => {
    const result = await asTriageJob(() =>
      applyRouting({ ctx, input: { projectId, issueIid, decision, mode: "act" } }),
    );
    results.push({ iid: issueIid, result });
  });
});
afterAll(async () => {
  await queue?.stop({ timeoutMs: 1000 });
  await t?.drop();
  await fake?.close();
});

it("GitLab answering 5xx twice: the job is retried by the queue and routes the issue once", async () => {
  fake.addIssue({ project_id: 1, iid: 23 });
  fake.failNext({ times: 2, status: 500 });
  await queue.send(job, { projectId: 1, issueIid: 23 });
  const done = await waitFor(
    () => results.find((r) => r.iid === 23),
    (r) => r !== undefined,
  );
  expect(done!.result).toMatchObject({ status: "routed", assignee: "alice" });
  expect(fake.requests.filter((r) => r.method === "GET" && r.path === "/api/v4/projects/1/issues/23")).toHaveLength(3);
  expect(fake.issue(1, 23)!.notes).toHaveLength(1);
});

it("GitLab answering 403: the job is dead-lettered at once with the reason, and without the token", async () => {
  fake.addIssue({ project_id: 1, iid: 24 });
  fake.failNext({ times: 1, status: 403 });
  const id = await queue.send(job, { projectId: 1, issueIid: 24 });
  const letters = await waitFor(
    () => queue.deadLetters(job),
    (l) => l.some((letter) => letter.jobId === id),
  );
  const letter = letters.find((l) => l.jobId === id)!;
  expect(letter).toMatchObject({ attempts: 1 });
  expect(letter.reason).toContain("forbidden (403)");
  expect(JSON.stringify(letter)).not.toContain(token);
});

it("an issue deleted in GitLab: the job completes as dropped", async () => {
  const id = await queue.send(job, { projectId: 1, issueIid: 404 });
  const done = await waitFor(
    () => results.find((r) => r.iid === 404),
    (r) => r !== undefined,
  );
  expect(done!.result).toMatchObject({ status: "dropped" });
  expect((await queue.deadLetters(job)).map((l) => l.jobId)).not.toContain(id);
});

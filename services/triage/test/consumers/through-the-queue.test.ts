import { startFakeGitlab, type FakeGitlab } from "@agora/gitlab/testing";
import { findTriageDecision } from "@agora/db";
import { freshDatabase, type TestDatabase, waitFor } from "@agora/db/testing";
import { createJobQueue, notifyJob, triageJob, type JobQueue } from "@agora/queue";
import { Community, type NotifyJob, type TriageJob } from "@agora/schemas";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTriageWorker } from "../../src/consumers/index.ts";

// startTriageWorker as the app runs it: triage jobs on pg-boss (PGlite), GitLab over real HTTP,
// and the room's message as a notify job on the same queue.

const token = "glpat-worker-secret-9";
const community = Community.parse({
  sigs: [
    {
      id: "kernel",
      name: "Kernel",
      leads: [{ matrix: "@bob:example.org", gitlab: "bob" }],
      gitlab: { labels: ["sig::kernel"] },
      packages: ["kernel"],
      room: "#kernel:example.org",
    },
  ],
  gitlab: { bot_username: "agora-bot" },
});

let t: TestDatabase;
let queue: JobQueue;
let fake: FakeGitlab;
const sent: NotifyJob[] = [];

beforeAll(async () => {
  fake = await startFakeGitlab({ token, users: [{ id: 8, username: "bob" }] });
  t = await freshDatabase("pglite");
  queue = createJobQueue({ db: t.db, pollingIntervalSeconds: 0.5, superviseIntervalSeconds: 1 });
  await queue.start();
  await queue.register(triageJob, notifyJob);
  await queue.work(notifyJob, async (job) => {
    sent.push(job);
  });
  const logger = { info: () => {}, warn: () => {} };
  await startTriageWorker({ queue, db: t.db, gitlab: { url: fake.url, token }, community, threshold: 0.6, logger });
});
afterAll(async () => {
  await queue?.stop({ timeoutMs: 1000 });
  await t?.drop();
  await fake?.close();
});

const job = (issueIid: number): TriageJob => ({
  projectId: 5,
  projectPath: "distro/bugs",
  issueIid,
  url: `https://gitlab.example.org/distro/bugs/-/issues/${issueIid}`,
  title: "kernel oops on resume",
  description: "",
  labels: [],
  confidential: false,
  action: "open",
});

it("a triage job routes the issue, records it and enqueues the room's message, through a GitLab 5xx", async () => {
  fake.addIssue({ project_id: 5, iid: 1 });
  fake.failNext({ times: 1, status: 500 });
  await queue.send(triageJob, job(1));
  const messages = await waitFor(
    () => sent,
    (s) => s.length > 0,
  );
  expect(messages).toEqual([
    expect.objectContaining({ room: "#kernel:example.org", dedupeKey: "gitlab:triage:5:1:act:kernel" }),
  ]);
  expect(fake.issue(5, 1)).toMatchObject({ labels: ["sig::kernel"], assignees: [{ id: 8, username: "bob" }] });
  expect(fake.issue(5, 1)!.notes).toHaveLength(1);
  expect(await findTriageDecision(t.db, 5, 1)).toMatchObject({ sig: "kernel", mode: "act" });
});

it("GitLab answering 403: the triage job is dead-lettered with the reason, and nothing is announced", async () => {
  fake.addIssue({ project_id: 5, iid: 2 });
  fake.failNext({ times: 1, status: 403 });
  const id = await queue.send(triageJob, job(2));
  const letters = await waitFor(
    () => queue.deadLetters(triageJob),
    (l) => l.some((letter) => letter.jobId === id),
  );
  expect(letters.find((l) => l.jobId === id)!.reason).toContain("forbidden (403)");
  expect(sent.some((m) => m.dedupeKey.startsWith("gitlab:triage:5:2:"))).toBe(false);
});

it("the routing note answered 502 after GitLab stored it: the queue's retry finishes the job with one note", async () => {
  fake.addIssue({ project_id: 5, iid: 3 });
  const before = fake.requests.length;
  // The job's first attempt: read the issue, label, find the user, assign, list the notes, post the note.
  fake.failNext({ times: 1, status: 502, after: 5, applied: true });
  await queue.send(triageJob, job(3));
  await waitFor(
    () => sent,
    (s) => s.some((m) => m.dedupeKey === "gitlab:triage:5:3:act:kernel"),
  );
  const posts = fake.requests
    .slice(before)
    .filter((r) => r.method === "POST" && r.path === "/api/v4/projects/5/issues/3/notes");
  expect(posts).toHaveLength(1);
  expect(fake.issue(5, 3)!.notes).toHaveLength(1);
  // The retry read the notes again before deciding not to post.
  expect(
    fake.requests.slice(before).filter((r) => r.method === "GET" && r.path.endsWith("/issues/3/notes")).length,
  ).toBeGreaterThanOrEqual(2);
});

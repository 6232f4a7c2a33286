import { readFileSync } from "node:fs";
import { createGitlabApi, GitlabCallError } from "@agora/gitlab";
import { startFakeGitlab, type FakeGitlab } from "@agora/gitlab/testing";
import { Community, GitlabIssueHook } from "@agora/schemas";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  applyRouting,
  requestMissingInfo,
  TriageError,
  type ActionsContext,
  type RoutingDecision,
} from "../../src/actions/index.ts";

const hook = GitlabIssueHook.parse(
  JSON.parse(
    readFileSync(new URL("../../../../packages/schemas/test/fixtures/gitlab/issue-open.json", import.meta.url), "utf8"),
  ),
);
const projectId = hook.project.id;
const issueIid = hook.object_attributes.iid;
const token = "glpat-triage-secret-42";

const member = (name: string) => ({ matrix: `@${name}:example.org`, gitlab: name });
const community = Community.parse({
  sigs: [
    {
      id: "cloud",
      name: "Cloud",
      leads: [member("alice")],
      triagers: [member("jdoe")],
      gitlab: { labels: ["sig::cloud"] },
      room: "#cloud:example.org",
    },
    {
      id: "kernel",
      name: "Kernel",
      leads: [member("bob")],
      gitlab: { labels: ["sig::kernel"] },
      room: "#kernel:example.org",
    },
    { id: "hpc", name: "HPC", leads: [member("ghost")], gitlab: { labels: ["sig::hpc"] }, room: "#hpc:example.org" },
    {
      id: "desktop",
      name: "Desktop",
      leads: [member("carol")],
      gitlab: { labels: ["sig::desktop"] },
      room: "#desktop:example.org",
    },
  ],
});

const decision: RoutingDecision = {
  sig: "cloud",
  confidence: 0.91,
  reasons: ["rule: package cloud-init in the title", "words: ami, ec2"],
};

let fake: FakeGitlab;
let ctx: ActionsContext;
let logs: { fields: object; message?: string | undefined }[];

beforeEach(async () => {
  fake = await startFakeGitlab({
    token,
    users: [
      { id: 7, username: "jdoe" },
      { id: 8, username: "bob" },
    ],
  });
  fake.addIssue({ project_id: projectId, iid: issueIid, title: hook.object_attributes.title, labels: ["bug"] });
  logs = [];
  const log = (fields: object, message?: string) => logs.push({ fields, message });
  ctx = {
    gitlab: createGitlabApi({ url: fake.url, token }),
    botUsername: "agora-bot",
    community,
    logger: { info: log, warn: log },
  };
});
afterEach(() => fake.close());

const writes = () =>
  fake.requests.filter((r) => r.method !== "GET").map(({ method, path, body }) => ({ method, path, body }));
const issuePath = () => `/api/v4/projects/${projectId}/issues/${issueIid}`;

async function errorOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => expect.fail("expected the verb to throw"),
    (error: unknown) => error,
  );
}

describe("applyRouting, acting", () => {
  it("labels, assigns the SIG's first triager and explains what, why and how to correct it", async () => {
    const result = await applyRouting({ ctx, input: { projectId, issueIid, decision, mode: "act" } });

    expect(result).toMatchObject({ status: "routed", sig: "cloud", labels: ["sig::cloud"], assignee: "jdoe" });
    expect(writes()).toEqual([
      { method: "PUT", path: issuePath(), body: { add_labels: "sig::cloud" } },
      { method: "PUT", path: issuePath(), body: { assignee_ids: [7] } },
      { method: "POST", path: `${issuePath()}/notes`, body: { body: expect.any(String) } },
    ]);
    const note = fake.issue(projectId, issueIid)!.notes[0]!;
    expect(note).toContain("**Cloud** SIG");
    expect(note).toContain("assigned to @jdoe");
    expect(note).toContain("91%");
    expect(note).toContain("- rule: package cloud-init in the title");
    expect(note).toContain("- words: ami, ec2");
    expect(note).toMatch(/change the `sig::cloud` label.*never changes it back/);
    expect(fake.issue(projectId, issueIid)!.labels).toEqual(["bug", "sig::cloud"]);
    expect(fake.requests.every((r) => r.token === token)).toBe(true);
  });

  it("assigns the lead when the SIG names no triager, and skips a user GitLab does not know", async () => {
    await applyRouting({ ctx, input: { projectId, issueIid, decision: { ...decision, sig: "kernel" }, mode: "act" } });
    expect(fake.issue(projectId, issueIid)!.assignees).toEqual([{ id: 8, username: "bob" }]);

    fake.addIssue({ project_id: projectId, iid: 99 });
    const result = await applyRouting({
      ctx,
      input: { projectId, issueIid: 99, decision: { ...decision, sig: "hpc" }, mode: "act" },
    });
    expect(result).toMatchObject({ status: "routed", assignee: null });
    expect(fake.issue(projectId, 99)!.assignees).toEqual([]);
    expect(logs.at(-1)?.fields).toMatchObject({ username: "ghost" });
  });

  it("leaves an issue alone when a person gave it another SIG's label, and keeps a person's assignee", async () => {
    fake.issue(projectId, issueIid)!.labels.push("sig::kernel");
    const skipped = await applyRouting({ ctx, input: { projectId, issueIid, decision, mode: "act" } });
    expect(skipped).toEqual({ status: "skipped", reason: "already labelled sig::kernel" });
    expect(writes()).toEqual([]);

    fake.addIssue({ project_id: projectId, iid: 5, assignees: [{ id: 8, username: "bob" }] });
    await applyRouting({ ctx, input: { projectId, issueIid: 5, decision, mode: "act" } });
    expect(fake.issue(projectId, 5)!.assignees).toEqual([{ id: 8, username: "bob" }]);
    expect(writes().some((w) => "assignee_ids" in (w.body as object))).toBe(false);
  });
});

describe("applyRouting, asking", () => {
  it("adds needs-triage and a note with the top three suggestions", async () => {
    const suggestions = [
      { sig: "cloud", confidence: 0.41 },
      { sig: "kernel", confidence: 0.3 },
      { sig: "desktop", confidence: 0.2 },
      { sig: "hpc", confidence: 0.09 },
    ];
    const result = await applyRouting({
      ctx,
      input: { projectId, issueIid, decision: { ...decision, confidence: 0.41, suggestions }, mode: "ask" },
    });
    expect(result).toMatchObject({ status: "asked", labels: ["needs-triage"] });
    expect(writes()).toEqual([
      { method: "PUT", path: issuePath(), body: { add_labels: "needs-triage" } },
      { method: "POST", path: `${issuePath()}/notes`, body: { body: expect.any(String) } },
    ]);
    const note = fake.issue(projectId, issueIid)!.notes[0]!;
    expect(note).toContain("- **Cloud** (`sig::cloud`): 41%");
    expect(note).toContain("- **Kernel** (`sig::kernel`): 30%");
    expect(note).toContain("- **Desktop** (`sig::desktop`): 20%");
    expect(note).not.toContain("HPC");
    expect(note).toContain("- words: ami, ec2");
  });
});

describe("requestMissingInfo", () => {
  it("adds needs-info and a note listing what is missing, without mentioning anyone by accident", async () => {
    const result = await requestMissingInfo({
      ctx,
      input: {
        projectId,
        issueIid,
        missing: ["the version (cat /etc/os-release)", "the architecture (uname -m)", "logs from @root"],
      },
    });
    expect(result).toMatchObject({ status: "info-requested", labels: ["needs-info"] });
    expect(writes()[0]).toEqual({ method: "PUT", path: issuePath(), body: { add_labels: "needs-info" } });
    const note = fake.issue(projectId, issueIid)!.notes[0]!;
    expect(note).toContain("- the version (cat /etc/os-release)");
    expect(note).toContain("- the architecture (uname -m)");
    expect(note).not.toContain("@root");
    expect(fake.issue(projectId, issueIid)!.labels).toContain("needs-info");
  });
});

describe("failures, sorted for the transports", () => {
  it("a 5xx throws a retryable error; the next attempts finish the work once", async () => {
    // The note fails after the label and the assignee went through; the retry finds the bot's own
    // label and assignee, and only writes the note.
    fake.failNext({ times: 1, status: 500, after: 5 });
    const first = await errorOf(applyRouting({ ctx, input: { projectId, issueIid, decision, mode: "act" } }));
    expect(first).toBeInstanceOf(GitlabCallError);
    expect(first).not.toBeInstanceOf(TriageError);
    expect((first as GitlabCallError).failure.kind).toBe("transient");
    expect(fake.issue(projectId, issueIid)!.notes).toEqual([]);
    expect(fake.issue(projectId, issueIid)!.assignees).toEqual([{ id: 7, username: "jdoe" }]);

    // A read is tried three times by the client before the failure reaches the job.
    fake.failNext({ times: 3, status: 503 });
    const second = await errorOf(applyRouting({ ctx, input: { projectId, issueIid, decision, mode: "act" } }));
    expect((second as GitlabCallError).failure).toMatchObject({ kind: "transient", status: 503 });

    const third = await applyRouting({ ctx, input: { projectId, issueIid, decision, mode: "act" } });
    expect(third).toMatchObject({ status: "routed" });
    expect(fake.issue(projectId, issueIid)!.labels).toEqual(["bug", "sig::cloud"]);
    expect(fake.issue(projectId, issueIid)!.notes).toHaveLength(1);
    expect(writes().filter((w) => "assignee_ids" in (w.body as object))).toHaveLength(1);
  });

  it("a note GitLab stored but whose answer was lost is not posted again by the retry", async () => {
    fake.failNext({ times: 1, status: 500, after: 2, applied: true });
    const first = await errorOf(requestMissingInfo({ ctx, input: { projectId, issueIid, missing: ["the version"] } }));
    expect((first as GitlabCallError).failure.kind).toBe("transient");
    const again = await requestMissingInfo({ ctx, input: { projectId, issueIid, missing: ["the version"] } });
    expect(again).toMatchObject({ status: "info-requested" });
    expect(fake.issue(projectId, issueIid)!.notes).toHaveLength(1);

    // Something else missing later is a new request, and a new note.
    await requestMissingInfo({ ctx, input: { projectId, issueIid, missing: ["the architecture"] } });
    expect(fake.issue(projectId, issueIid)!.notes).toHaveLength(2);
  });

  it("a note POST answered 502 after GitLab stored it is not posted again by the job's retry", async () => {
    // Requests: read the issue, add the label, assign (find user, set), list the notes, post the note.
    fake.failNext({ times: 1, status: 502, after: 5, applied: true });
    const first = await errorOf(applyRouting({ ctx, input: { projectId, issueIid, decision, mode: "act" } }));
    expect((first as GitlabCallError).failure).toMatchObject({ kind: "transient", status: 502 });
    expect(fake.issue(projectId, issueIid)!.notes).toHaveLength(1);
    expect(writes().filter((w) => w.method === "POST")).toHaveLength(1);

    const again = await applyRouting({ ctx, input: { projectId, issueIid, decision, mode: "act" } });
    expect(again).toMatchObject({ status: "routed" });
    expect(fake.issue(projectId, issueIid)!.notes).toHaveLength(1);
    expect(writes().filter((w) => w.method === "POST")).toHaveLength(1);
  });

  it("a 429 is waited out for as long as Retry-After says, then the verb runs again", async () => {
    fake.failNext({ times: 1, status: 429, retryAfterSeconds: 1, after: 1 });
    const result = await applyRouting({ ctx, input: { projectId, issueIid, decision, mode: "act" } });
    expect(result).toMatchObject({ status: "routed" });
    expect(logs).toContainEqual({
      fields: expect.objectContaining({ status: 429, waitMs: 1000 }),
      message: expect.stringContaining("wait"),
    });
    expect(fake.issue(projectId, issueIid)!.notes).toHaveLength(1);
  });

  it("a Retry-After longer than the context allows is thrown for the queue's backoff", async () => {
    fake.failNext({ times: 1, status: 429, retryAfterSeconds: 60 });
    const error = await errorOf(
      applyRouting({
        ctx: { ...ctx, retryAfterLimitMs: 10_000 },
        input: { projectId, issueIid, decision, mode: "act" },
      }),
    );
    expect((error as GitlabCallError).failure).toMatchObject({ kind: "transient", status: 429, retryAfterMs: 60_000 });
  });

  it("a 404 drops the action with a log line", async () => {
    const result = await applyRouting({ ctx, input: { projectId, issueIid: 404_404, decision, mode: "act" } });
    expect(result).toMatchObject({ status: "dropped" });
    expect(logs).toEqual([
      { fields: expect.objectContaining({ projectId, issueIid: 404_404 }), message: expect.stringContaining("gone") },
    ]);
    expect(writes()).toEqual([]);
  });

  it("a 403 becomes a TriageError with the reason, and the token appears nowhere", async () => {
    fake.failNext({ times: 1, status: 403, after: 1 });
    const error = await errorOf(requestMissingInfo({ ctx, input: { projectId, issueIid, missing: ["the version"] } }));
    expect(error).toBeInstanceOf(TriageError);
    const message = (error as Error).message;
    expect(message).toContain("forbidden (403)");
    expect(message).toContain("403 injected by the fake");
    expect(fake.requests.every((r) => r.token === token)).toBe(true);
    const shown = `${message} ${String((error as Error).stack)} ${JSON.stringify(error)} ${String((error as Error).cause)}`;
    expect(shown).not.toContain(token);
  });

  it("a request GitLab rejects (422) is a TriageError, not retried", async () => {
    fake.failNext({ times: 1, status: 422, after: 1 });
    const error = await errorOf(applyRouting({ ctx, input: { projectId, issueIid, decision, mode: "act" } }));
    expect(error).toBeInstanceOf(TriageError);
    expect((error as TriageError).refusal).toMatchObject({
      kind: "gitlab-refused",
      failure: { kind: "invalid", status: 422 },
    });
    expect((error as Error).message).toContain("invalid (422)");
  });

  it("an unknown SIG is a TriageError", async () => {
    const error = await errorOf(
      applyRouting({ ctx, input: { projectId, issueIid, decision: { ...decision, sig: "nope" }, mode: "act" } }),
    );
    expect(error).toBeInstanceOf(TriageError);
    expect((error as TriageError).refusal).toEqual({ kind: "unknown-sig", sig: "nope" });
    expect(writes()).toEqual([]);
  });
});

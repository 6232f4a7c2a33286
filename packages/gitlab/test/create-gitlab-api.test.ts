import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGitlabApi, GitlabCallError, rateLimitPatient, type GitlabApi } from "../src/index.ts";
import { startFakeGitlab, type FakeGitlab } from "../src/testing/index.ts";

const token = "glpat-test-secret-0123456789";
let fake: FakeGitlab;
let api: GitlabApi;

beforeEach(async () => {
  fake = await startFakeGitlab({ token, users: [{ id: 7, username: "jdoe" }] });
  fake.addIssue({ project_id: 1, iid: 23, title: "cloud-init fails", labels: ["bug"] });
  api = createGitlabApi({ url: fake.url, token });
});
afterEach(() => fake.close());

async function failureOf(call: Promise<unknown>): Promise<GitlabCallError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GitlabCallError);
  return error as GitlabCallError;
}

describe("createGitlabApi", () => {
  it("adds labels with add_labels, keeping the ones already there, and sends the token as PRIVATE-TOKEN", async () => {
    await api.addLabels(1, 23, ["sig::cloud", "needs-triage"]);
    expect(fake.requests).toEqual([
      expect.objectContaining({
        method: "PUT",
        path: "/api/v4/projects/1/issues/23",
        body: { add_labels: "sig::cloud,needs-triage" },
        token,
      }),
    ]);
    expect(fake.issue(1, 23)?.labels).toEqual(["bug", "sig::cloud", "needs-triage"]);
  });

  it("finds a user id by username and sets the assignees", async () => {
    expect(await api.findUserId("jdoe")).toBe(7);
    expect(await api.findUserId("nobody")).toBeNull();
    await api.setAssignees(1, 23, [7]);
    expect(fake.requests.at(-1)).toMatchObject({ method: "PUT", body: { assignee_ids: [7] } });
    expect(fake.issue(1, 23)?.assignees).toEqual([{ id: 7, username: "jdoe" }]);
  });

  it("adds a note and reads the issue back", async () => {
    await api.addNote(1, 23, "Routed to **Cloud**.");
    expect(fake.requests.at(-1)).toMatchObject({
      method: "POST",
      path: "/api/v4/projects/1/issues/23/notes",
      body: { body: "Routed to **Cloud**." },
    });
    expect(await api.getIssue(1, 23)).toEqual({
      projectId: 1,
      iid: 23,
      title: "cloud-init fails",
      description: "",
      labels: ["bug"],
      assignees: [],
      state: "opened",
      confidential: false,
    });
  });

  it("reads an issue by its project's path, as real GitLab serves it", async () => {
    fake.projects.push({ id: 1, path_with_namespace: "almalinux/core" });
    expect(await api.getIssue("almalinux/core" as unknown as number, 23)).toMatchObject({
      projectId: 1,
      iid: 23,
      title: "cloud-init fails",
    });
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", path: "/api/v4/projects/almalinux%2Fcore/issues/23" });
  });

  it("lists the notes with their authors", async () => {
    await api.addNote(1, 23, "first");
    await api.addNote(1, 23, "second");
    expect(await api.listNotes(1, 23)).toEqual([
      { body: "first", author: "agora-bot" },
      { body: "second", author: "agora-bot" },
    ]);
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", path: "/api/v4/projects/1/issues/23/notes" });
  });

  it("finds a project's id by its path, and null for a path GitLab does not know", async () => {
    fake.projects.push({ id: 12, path_with_namespace: "almalinux/core" });
    expect(await api.findProjectId("almalinux/core")).toBe(12);
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", path: "/api/v4/projects/almalinux%2Fcore" });
    expect(await api.findProjectId("almalinux/nowhere")).toBeNull();
  });

  it("finds a project's path by its id, and null for an id GitLab does not know", async () => {
    fake.projects.push({ id: 13, path_with_namespace: "almalinux/sigs/cloud" });
    expect(await api.findProjectPath(13)).toBe("almalinux/sigs/cloud");
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", path: "/api/v4/projects/13" });
    expect(await api.findProjectPath(404)).toBeNull();
  });

  it("lists closed issues page by page, keeping those with a label of the prefix", async () => {
    for (let iid = 1; iid <= 5; iid++) {
      fake.addIssue({ project_id: 2, iid, state: "closed", labels: iid === 3 ? ["bug"] : [`sig::s${iid}`] });
    }
    fake.addIssue({ project_id: 2, iid: 6, state: "opened", labels: ["sig::open"] });
    const first = await api.listClosedIssues({ projectId: 2, labelsPrefix: "sig::", page: 1, perPage: 3 });
    expect(first.issues.map((i) => i.iid)).toEqual([1, 2]);
    expect(first.nextPage).toBe(2);
    expect(fake.requests.at(-1)?.query).toMatchObject({ state: "closed", page: "1", per_page: "3" });
    const second = await api.listClosedIssues({ projectId: 2, labelsPrefix: "sig::", page: 2, perPage: 3 });
    expect(second).toMatchObject({ issues: [{ iid: 4 }, { iid: 5 }], nextPage: null });
    expect(fake.requests).toHaveLength(2);
  });
});

describe("failures", () => {
  it("a 500 is transient, and the next call goes through", async () => {
    fake.failNext({ times: 1, status: 500 });
    const error = await failureOf(api.addLabels(1, 23, ["sig::cloud"]));
    expect(error.failure).toMatchObject({ kind: "transient", status: 500 });
    await api.addLabels(1, 23, ["sig::cloud"]);
    expect(fake.issue(1, 23)?.labels).toContain("sig::cloud");
  });

  it("a 502 on a read is tried again twice; a third in a row is transient", async () => {
    fake.failNext({ times: 2, status: 502 });
    expect((await api.getIssue(1, 23)).iid).toBe(23);
    expect(fake.requests).toHaveLength(3);

    fake.failNext({ times: 3, status: 502 });
    const error = await failureOf(api.getIssue(1, 23));
    expect(error.failure).toMatchObject({ kind: "transient", status: 502 });
    expect(fake.requests).toHaveLength(6);
  });

  it("a note POST answered 502 after GitLab stored it is sent once, never again by the client", async () => {
    fake.failNext({ times: 1, status: 502, applied: true });
    const error = await failureOf(api.addNote(1, 23, "routed"));
    expect(error.failure).toMatchObject({ kind: "transient", status: 502 });
    expect(fake.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    expect(fake.issue(1, 23)?.notes).toEqual(["routed"]);
  });

  it("a 429 is transient at once and keeps GitLab's Retry-After", async () => {
    fake.failNext({ times: 1, status: 429, retryAfterSeconds: 30 });
    const error = await failureOf(api.getIssue(1, 23));
    expect(error.failure).toMatchObject({ kind: "transient", status: 429, retryAfterMs: 30_000 });
    expect(fake.requests).toHaveLength(1);
  });

  it("a patient client waits out Retry-After and sends again; past its limit it throws", async () => {
    const waits: number[] = [];
    const slept: number[] = [];
    const sleep = async (ms: number) => void slept.push(ms);
    const patient = rateLimitPatient(api, { limitMs: 1500, onWait: (ms) => waits.push(ms), sleep });
    fake.failNext({ times: 1, status: 429, retryAfterSeconds: 1 });
    await patient.addNote(1, 23, "after the limit");
    expect(waits).toEqual([1000]);
    expect(slept).toEqual([1000]);
    expect(fake.issue(1, 23)?.notes).toEqual(["after the limit"]);

    fake.failNext({ times: 2, status: 429, retryAfterSeconds: 1 });
    expect((await failureOf(patient.getIssue(1, 23))).failure).toMatchObject({ kind: "transient", status: 429 });
    expect(waits).toEqual([1000, 1000]);
  });

  it("an answer lost after the request took effect is transient, and the effect is there", async () => {
    fake.failNext({ times: 1, status: 500, applied: true });
    expect((await failureOf(api.addNote(1, 23, "once"))).failure.kind).toBe("transient");
    expect(fake.issue(1, 23)?.notes).toEqual(["once"]);
  });

  it("a 404 is gone, a 403 forbidden, another 4xx invalid", async () => {
    expect((await failureOf(api.getIssue(1, 999))).failure).toMatchObject({ kind: "gone", status: 404 });
    fake.failNext({ times: 1, status: 403 });
    expect((await failureOf(api.addLabels(1, 23, ["x"]))).failure).toMatchObject({ kind: "forbidden", status: 403 });
    expect((await failureOf(api.setAssignees(1, 23, [999]))).failure).toMatchObject({ kind: "invalid", status: 400 });
  });

  it("a wrong token is forbidden, and no token appears in the error", async () => {
    const wrong = createGitlabApi({ url: fake.url, token: "glpat-wrong-token" });
    const error = await failureOf(wrong.addNote(1, 23, "hi"));
    expect(error.failure).toMatchObject({ kind: "forbidden", status: 401 });
    expect(fake.requests.at(-1)?.token).toBe("glpat-wrong-token");
    const shown = `${error.message} ${JSON.stringify(error)} ${String(error.stack)} ${String(error.cause)}`;
    expect(shown).not.toContain("glpat-wrong-token");
  });

  it("a GitLab that does not answer in time is transient", async () => {
    const impatient = createGitlabApi({ url: fake.url, token, timeoutMs: 200 });
    fake.stallNext({ times: 1, ms: 2000 });
    const error = await failureOf(impatient.getIssue(1, 23));
    expect(error.failure).toEqual({ kind: "transient", status: null, reason: "timed out" });
  });

  it("an unreachable GitLab is transient", async () => {
    await fake.close();
    const error = await failureOf(api.getIssue(1, 23));
    expect(error.failure).toMatchObject({ kind: "transient", status: null });
    expect(error.message).toContain("network error");
    fake = await startFakeGitlab({ token });
  });
});

import { describe, expect, it } from "vitest";
import {
  describeIssues,
  GitlabEventHeader,
  GitlabIssueHook,
  GitlabKnownWebhook,
  GitlabOtherWebhook,
  GitlabWebhook,
  isKnownGitlabWebhook,
  parseGitlabWebhook,
} from "../src/index.ts";
import { readFixture } from "./fixtures.ts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function parsed(body: unknown) {
  const result = parseGitlabWebhook(body);
  if (!result.success) throw new Error(describeIssues(result.error).join("\n"));
  return result.data;
}

/** How a consumer narrows: first to the modelled kinds, then by `object_kind`. */
function known(body: unknown) {
  const hook = parsed(body);
  if (!isKnownGitlabWebhook(hook)) throw new Error(`unexpected kind ${hook.object_kind}`);
  return hook;
}

describe("GitLab fixtures", () => {
  it("parses an issue event with its labels and label changes", () => {
    const issue = known(readFixture("gitlab/issue-open.json"));
    if (issue.object_kind !== "issue") throw new Error(`parsed as ${issue.object_kind}`);
    expect(issue.object_attributes).toMatchObject({ iid: 23, action: "open", state: "opened", confidential: false });
    expect(issue.project.path_with_namespace).toBe("gitlabhq/gitlab-test");
    expect(issue.user).toMatchObject({ id: 1, username: "root" });
    expect(issue.changes?.labels?.previous.map((l) => l.title)).toEqual(["API"]);
    expect(issue.changes?.labels?.current.map((l) => l.title)).toEqual(["Platform"]);
    expect(issue.assignees?.[0]?.username).toBe("user1");
  });

  it("keeps fields it does not model, at every level", () => {
    const hook = parsed(readFixture("gitlab/issue-open.json")) as Json;
    expect(hook.assignee.username).toBe("user1");
    expect(hook.object_attributes.escalation_policy).toEqual({ id: 18, name: "Engineering On-call" });
    expect(hook.object_attributes.labels[0].group_id).toBe(41);
    expect(hook.changes.updated_by_id).toEqual({ previous: null, current: 1 });
    expect(hook.project.git_ssh_url).toBe("git@example.com:gitlabhq/gitlab-test.git");
  });

  it("parses a comment on an issue with the issue it is on", () => {
    const note = known(readFixture("gitlab/note-issue.json"));
    if (note.object_kind !== "note") throw new Error(`parsed as ${note.object_kind}`);
    expect(note.object_attributes).toMatchObject({ note: "Hello world", noteable_type: "Issue", system: false });
    expect(note.issue?.iid).toBe(17);
    expect(note.issue?.labels?.map((l) => l.title)).toEqual(["Afterpod", "Element"]);
  });

  it("parses a merge request event", () => {
    const mr = known(readFixture("gitlab/merge-request.json"));
    if (mr.object_kind !== "merge_request") throw new Error(`parsed as ${mr.object_kind}`);
    expect(mr.object_attributes).toMatchObject({ iid: 1, source_branch: "ms-viewport", action: "open" });
    expect(mr.reviewers?.[0]?.username).toBe("user1");
  });

  it("accepts a work item with the issue shape", () => {
    const body = {
      ...(readFixture("gitlab/issue-open.json") as Json),
      object_kind: "work_item",
      event_type: "work_item",
    };
    const hook = known(body);
    expect(hook.object_kind).toBe("work_item");
    expect(GitlabIssueHook.parse(hook).object_attributes.iid).toBe(23);
  });

  it("accepts events of other kinds, and member events that have no object_kind", () => {
    expect(parsed({ object_kind: "push", ref: "refs/heads/main" })).toEqual({
      object_kind: "push",
      ref: "refs/heads/main",
    });
    const member = parsed({ event_name: "user_add_to_group", group_id: 1 });
    expect(isKnownGitlabWebhook(member)).toBe(false);
  });
});

describe("bad GitLab payloads", () => {
  it("name the failing fields of the schema the kind selects", () => {
    const body = readFixture("gitlab/issue-open.json") as Json;
    delete body.object_attributes.iid;
    body.user.id = "one";
    const result = parseGitlabWebhook(body);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(describeIssues(result.error)).toEqual(["user.id: must be a number", "object_attributes.iid: is required"]);
  });

  it("fail on a label change that is not a list", () => {
    const body = readFixture("gitlab/merge-request.json") as Json;
    body.changes.labels.current = "Platform";
    const result = parseGitlabWebhook(body);
    expect(!result.success && describeIssues(result.error)).toEqual(["changes.labels.current: must be a list"]);
  });

  it("fail when the body is not an object", () => {
    for (const body of [null, "issue", 42, []]) expect(parseGitlabWebhook(body).success).toBe(false);
  });

  it("are rejected by the union schema too, not taken for another kind", () => {
    const body = readFixture("gitlab/note-issue.json") as Json;
    delete body.object_attributes;
    expect(GitlabWebhook.safeParse(body).success).toBe(false);
    expect(GitlabWebhook.safeParse(readFixture("gitlab/note-issue.json")).success).toBe(true);
  });
});

describe("kinds", () => {
  it("agree between the known union and the fallback", () => {
    for (const kind of ["issue", "work_item", "note", "merge_request"]) {
      const issues = GitlabKnownWebhook.safeParse({ object_kind: kind }).error?.issues ?? [];
      expect(issues.map((issue) => issue.path.join("."))).not.toContain("object_kind");
      expect(GitlabOtherWebhook.safeParse({ object_kind: kind }).success).toBe(false);
    }
    const push = GitlabKnownWebhook.safeParse({ object_kind: "push" }).error?.issues ?? [];
    expect(push.map((issue) => issue.path.join("."))).toContain("object_kind");
  });

  it("lists the headers of the events Agora reads, confidential ones included", () => {
    for (const header of [
      "Issue Hook",
      "Confidential Issue Hook",
      "Note Hook",
      "Confidential Note Hook",
      "Merge Request Hook",
    ]) {
      expect(GitlabEventHeader.safeParse(header).success).toBe(true);
    }
    expect(GitlabEventHeader.safeParse("issue").success).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { describeIssues, parseDiscourseWebhook, parseGitlabWebhook, unstorableText } from "../src/index.ts";
import { readFixture } from "./fixtures.ts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function gitlabProblems(body: unknown): string[] {
  const result = parseGitlabWebhook(body);
  return result.success ? [] : describeIssues(result.error);
}

function forumProblems(event: string, body: unknown): string[] {
  const result = parseDiscourseWebhook(event, body);
  return result.success ? [] : describeIssues(result.error);
}

describe("what the database cannot store is refused at parse time", () => {
  it("names a NUL in an issue title, and a lone surrogate anywhere, by path", () => {
    const nul = readFixture("gitlab/issue-open.json") as Json;
    nul.object_attributes.title = "boot\u0000fails";
    expect(gitlabProblems(nul)).toEqual([expect.stringMatching(/^object_attributes\.title: contains a NUL character/)]);

    const surrogate = readFixture("gitlab/issue-open.json") as Json;
    surrogate.project.description = "half \ud800 a pair";
    surrogate.unmodelled = { deep: ["ok", "\udfff"] };
    expect(gitlabProblems(surrogate).sort()).toEqual([
      expect.stringMatching(/^project\.description: contains a lone UTF-16 surrogate/),
      expect.stringMatching(/^unmodelled\.deep\[1\]: contains a lone UTF-16 surrogate/),
    ]);
  });

  it("refuses a NUL in a key, and keeps a whole surrogate pair (an emoji)", () => {
    expect(unstorableText({ ["a\u0000"]: 1 })).toEqual([
      expect.objectContaining({ path: [], message: expect.stringMatching(/^a key contains a NUL/) }),
    ]);
    const emoji = readFixture("gitlab/issue-open.json") as Json;
    emoji.object_attributes.title = "crash on 🐧";
    expect(gitlabProblems(emoji)).toEqual([]);
  });

  it("refuses forum ids a bigint cannot hold and post numbers an int cannot", () => {
    for (const id of [2 ** 64, 1e308, 1.5, -1]) {
      const body = readFixture("discourse/fedora_post_created.json") as Json;
      body.body.post.id = id;
      expect(forumProblems("post_created", body.body)).toEqual([expect.stringMatching(/^post\.id: /)]);
    }
    const body = readFixture("discourse/fedora_post_created.json") as Json;
    body.body.post.post_number = 2 ** 31;
    expect(forumProblems("post_created", body.body)).toEqual([expect.stringMatching(/^post\.post_number: /)]);
  });

  it("walks a body nested far deeper than the call stack would allow", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(unstorableText({ deep })).toHaveLength(1);
  });
});

import { recordMatrixMessage, saveTriageCorrection, saveTriageDecision } from "@agora/db";
import { Community, type NotifyJob, type NotifySend } from "@agora/schemas";
import { describe, expect, it } from "vitest";
import { createProjectActivityConsumer } from "../../src/consumers/index.ts";
import { gitlabDelivery, type Json } from "../gitlab-deliveries.ts";
import { activityHarness, ownHook, sharedHook } from "./activity-harness.ts";
import { takeBackConfidential } from "../../src/consumers/take-back-confidential.ts";

// GitLab's documented payloads (see test/fixtures/gitlab/README.md) through the consumer, in a
// delivery's transaction on PGlite; what it enqueues is what the rooms will show.

const member = (name: string) => ({ matrix: `@${name}:example.org`, gitlab: name });
const community = Community.parse({
  gitlab: { bot_username: "agora-bot" },
  sigs: [
    {
      id: "infra",
      name: "Infrastructure",
      leads: [member("alice")],
      gitlab: {
        labels: ["sig::infra"],
        projects: [
          "gitlabhq/gitlab-test",
          "mike/diaspora",
          "jsmith/example",
          "gitlab-org/gitlab-test",
          "gitlab-org/release-webhook-example",
          "gitlab-org/gitlab-test",
        ],
      },
      room: "#infra:example.org",
      pings: { who: "leads", on: ["pipeline-failed"] },
    },
    {
      id: "kernel",
      name: "Kernel",
      leads: [member("bob")],
      gitlab: { labels: ["sig::kernel"], projects: ["kernel/kernel"] },
      room: "#kernel:example.org",
    },
  ],
});

describe("GitLab activity in SIG rooms", () => {
  const h = activityHarness(community);
  const { jobs, deliver } = h;

  const sent = async (job: NotifyJob | undefined) =>
    recordMatrixMessage(h.db, {
      dedupeKey: job!.dedupeKey,
      roomId: "!infra:example.org",
      eventId: `$${job!.dedupeKey}`,
    });
  const only = (): NotifySend => {
    expect(jobs).toHaveLength(1);
    return jobs[0] as NotifySend;
  };

  it("a merge request opened, then merged in its thread; an update nobody needs is not told", async () => {
    expect(await deliver(sharedHook("merge-request"), (h) => (h.object_attributes.action = "open"))).toBe(true);
    const opened = only();
    expect(opened).toMatchObject({
      room: "#infra:example.org",
      dedupeKey: "gitlab:mr:1:1:open:infra",
      body: 'Infrastructure: root opened gitlabhq/gitlab-test!1 "MS-Viewport" http://example.com/diaspora/merge_requests/1',
      html: '<b>Infrastructure</b>: root opened <a href="http://example.com/diaspora/merge_requests/1">gitlabhq/gitlab-test!1</a> "MS-Viewport"',
    });
    await sent(opened);
    h.clear();
    await deliver(sharedHook("merge-request"), (h) => (h.object_attributes.action = "merge"));
    expect(only()).toMatchObject({
      body: expect.stringContaining("root merged gitlabhq/gitlab-test!1"),
      threadOf: "gitlab:mr:1:1:open:infra",
    });
    h.clear();
    expect(
      await deliver(sharedHook("merge-request"), (h) => ((h.object_attributes.action = "update"), (h.changes = {}))),
    ).toBe(false);
    await deliver(
      sharedHook("merge-request"),
      (h) => ((h.object_attributes.action = "update"), (h.changes = { draft: { previous: true, current: false } })),
    );
    expect(only().body).toContain("root marked as ready gitlabhq/gitlab-test!1");
  });

  it("a comment goes into the thread of its issue's message, and only there; internal ones never", async () => {
    const note = sharedHook("note-issue");
    const project = note.project.id as number;
    const iid = note.issue.iid as number;
    expect(await deliver(note)).toBe(false); // no message about the issue in the room: not news
    await recordMatrixMessage(h.db, {
      dedupeKey: `gitlab:triage:${project}:${iid}:act:infra`,
      roomId: "!infra:example.org",
      eventId: "$issue",
    });
    await deliver(note, (h) => (h.project.path_with_namespace = "gitlabhq/gitlab-test"));
    expect(only()).toMatchObject({
      dedupeKey: `gitlab:issue-note:${project}:${iid}:${note.object_attributes.id}:infra`,
      threadOf: `gitlab:triage:${project}:${iid}:act:infra`,
      body: `Infrastructure: ${note.user.username} commented on gitlabhq/gitlab-test#${iid}: "Hello world" ${note.object_attributes.url}`,
    });
    h.clear();
    await deliver(
      note,
      (h) => ((h.project.path_with_namespace = "gitlabhq/gitlab-test"), (h.object_attributes.internal = true)),
    );
    await deliver(
      note,
      (h) => ((h.project.path_with_namespace = "gitlabhq/gitlab-test"), (h.issue.confidential = true)),
    );
    await deliver(
      note,
      (h) => ((h.project.path_with_namespace = "gitlabhq/gitlab-test"), (h.event_type = "confidential_note")),
    );
    expect(jobs).toEqual([]);
  });

  it("an announced issue closed or reopened says so in its thread; an unannounced one is not news", async () => {
    const issue = sharedHook("issue-open");
    const close = (h: Json) => (
      (h.object_attributes.action = "close"),
      (h.object_attributes.state = "closed"),
      (h.labels = [{ id: 1, title: "sig::infra" }])
    );
    expect(await deliver(issue, close)).toBe(false);
    await recordMatrixMessage(h.db, {
      dedupeKey: "gitlab:triage:1:23:act:infra",
      roomId: "!infra:example.org",
      eventId: "$issue23",
    });
    await deliver(issue, close);
    expect(only()).toMatchObject({
      threadOf: "gitlab:triage:1:23:act:infra",
      body: "Infrastructure: root closed gitlabhq/gitlab-test#23 http://example.com/diaspora/issues/23",
      dedupeKey: expect.stringMatching(/^gitlab:issue-note:1:23:close:/),
    });
    h.clear();
    const update = (h: Json) => (
      (h.object_attributes.action = "update"),
      (h.labels = [{ id: 1, title: "sig::infra" }])
    );
    expect(await deliver(issue, (h) => (update(h), (h.changes = {})))).toBe(false);
    // GitLab's documented update moves API to Platform: a person's relabelling, said in the thread.
    await deliver(issue, update);
    expect(only()).toMatchObject({
      threadOf: "gitlab:triage:1:23:act:infra",
      body: "Infrastructure: root relabelled gitlabhq/gitlab-test#23: +Platform, \u2212API http://example.com/diaspora/issues/23",
      html: '<b>Infrastructure</b>: root relabelled <a href="http://example.com/diaspora/issues/23">gitlabhq/gitlab-test#23</a>: <code>+Platform, \u2212API</code>',
    });
    h.clear();
    // The bot's own labels are said by its note and the routed line.
    expect(await deliver(issue, (h) => (update(h), (h.user.username = "agora-bot")))).toBe(false);
  });

  it("a pipeline on the default branch: the failure, then the pass after it, not every run", async () => {
    expect(await deliver(ownHook("pipeline"))).toBe(false); // a pass with no failure before it
    await deliver(ownHook("pipeline"), (h) => ((h.object_attributes.status = "failed"), (h.object_attributes.id = 32)));
    const failed = only();
    // A broken default branch needs a person: the SIG's pings say who.
    expect(failed).toMatchObject({
      dedupeKey: "gitlab:pipeline:1:master:infra:failed:32",
      msgtype: "text",
      mentions: ["@alice:example.org"],
      body: '@alice:example.org: Infrastructure: pipeline #32 failed on master of gitlab-org/gitlab-test (test-build): "test" http://example.com/gitlab-org/gitlab-test/-/pipelines/31',
    });
    await sent(failed);
    h.clear();
    await deliver(ownHook("pipeline"), (h) => (h.object_attributes.id = 33));
    expect(only()).toMatchObject({
      body: expect.stringContaining("pipeline #33 passed again on master"),
      threadOf: failed.dedupeKey,
    });
    await sent(jobs[0]);
    h.clear();
    expect(await deliver(ownHook("pipeline"), (h) => (h.object_attributes.id = 34))).toBe(false);
    expect(
      await deliver(
        ownHook("pipeline"),
        (h) => ((h.object_attributes.status = "failed"), (h.object_attributes.ref = "feature")),
      ),
    ).toBe(false);
  });

  it("a release, a tag and a push to a protected branch; a push elsewhere is not news", async () => {
    await deliver(ownHook("release"));
    expect(only()).toMatchObject({
      body: "Infrastructure: gitlab-org/release-webhook-example released v1.1 https://example.com/gitlab-org/release-webhook-example/-/releases/v1.1",
    });
    h.clear();
    expect(await deliver(ownHook("release"), (h) => (h.action = "update"))).toBe(false);
    await deliver(ownHook("tag-push"));
    expect(only().body).toBe(
      "Infrastructure: John Smith tagged v1.0.0 in jsmith/example http://example.com/jsmith/example/-/tags/v1.0.0",
    );
    h.clear();
    await deliver(ownHook("push"));
    expect(only()).toMatchObject({
      body: 'Infrastructure: John Smith pushed 4 commits to master of mike/diaspora: "fixed readme" http://example.com/mike/diaspora/-/compare/95790bf891e7...da1560886d4f',
      html: expect.stringContaining(
        'pushed <a href="http://example.com/mike/diaspora/-/compare/95790bf891e7...da1560886d4f">4 commits</a> to <code>master</code>',
      ),
    });
    h.clear();
    expect(await deliver(ownHook("push"), (h) => ((h.ref = "refs/heads/topic"), (h.ref_protected = false)))).toBe(
      false,
    );
    expect(await deliver(ownHook("push"), (h) => (h.after = "0000000000000000000000000000000000000000"))).toBe(false);
  });

  it("a retitled issue edits its first message, which a confidential issue's take-back then finds", async () => {
    const issue = sharedHook("issue-open");
    const retitle = (h: Json) => {
      h.changes = { title: { previous: h.object_attributes.title, current: "Files API: create, update, delete" } };
      h.object_attributes.action = "update";
      h.object_attributes.iid = 24;
      h.object_attributes.title = "Files API: create, update, delete";
      h.labels = [{ id: 1, title: "sig::infra" }];
    };
    expect(await deliver(issue, retitle)).toBe(false); // never announced: nothing to edit
    await recordMatrixMessage(h.db, {
      dedupeKey: "gitlab:triage:1:24:act:infra",
      roomId: "!infra:example.org",
      eventId: "$issue24",
    });
    await deliver(issue, retitle);
    const edit = only();
    expect(edit).toMatchObject({
      room: "#infra:example.org",
      replaces: "gitlab:triage:1:24:act:infra",
      dedupeKey: expect.stringMatching(/^gitlab:issue:1:24:retitle:[0-9a-f]{16}:infra$/),
      body: 'Infrastructure: gitlabhq/gitlab-test#24 "Files API: create, update, delete" (renamed by root) http://example.com/diaspora/issues/23',
    });
    expect(edit.threadOf).toBeUndefined();
    await sent(edit);
    const redactions = await h.db.transaction((tx) => takeBackConfidential(tx, { projectId: 1, issueIid: 24 }));
    expect(redactions.map((r) => r.target).sort()).toEqual([edit.dedupeKey, "gitlab:triage:1:24:act:infra"]);
  });

  it("a retitled issue edits its open question in the triage room, not one a person answered", async () => {
    const withTriageRoom = Community.parse({ ...community, matrix: { triage_room: "#triage:example.org" } });
    const asking = createProjectActivityConsumer({
      community: withTriageRoom,
      logger: { info: () => {} },
      queue: { sendMany: async (_d, sent) => (jobs.push(...(sent as readonly unknown[] as NotifyJob[])), []) },
    });
    const retitled = (hook: Json, iid: number) => {
      hook.changes = {
        title: { previous: hook.object_attributes.title, current: "Kernel panics when the API writes a file" },
      };
      Object.assign(hook.object_attributes, {
        action: "update",
        iid,
        title: "Kernel panics when the API writes a file",
      });
      hook.labels = [];
    };
    const deliverTo = (iid: number) =>
      h.db.transaction((tx) =>
        asking.accept(
          tx,
          gitlabDelivery(sharedHook("issue-open"), (h) => retitled(h, iid)),
        ),
      );
    const ask = (iid: number) =>
      saveTriageDecision(h.db, {
        projectId: 1,
        issueIid: iid,
        sig: "kernel",
        confidence: 0.45,
        mode: "ask",
        reasons: ["keyword: kernel"],
        confidential: false,
        title: "API call crashes",
        url: `http://example.com/diaspora/issues/${iid}`,
        projectPath: "gitlabhq/gitlab-test",
        suggestions: [
          { sig: "kernel", confidence: 0.45 },
          { sig: "infra", confidence: 0.3 },
        ],
      });
    await ask(31);
    expect(await deliverTo(31)).toBe(false); // the question never went out: nothing to edit
    await recordMatrixMessage(h.db, {
      dedupeKey: "gitlab:triage:1:31:ask:kernel",
      roomId: "!triage:example.org",
      eventId: "$q31",
    });
    await deliverTo(31);
    const edit = only();
    expect(edit).toMatchObject({
      room: "#triage:example.org",
      replaces: "gitlab:triage:1:31:ask:kernel",
      dedupeKey: expect.stringMatching(/^gitlab:triage:1:31:ask:kernel:retitle:[0-9a-f]{16}$/),
      body: [
        'Needs a SIG: gitlabhq/gitlab-test#31 "Kernel panics when the API writes a file" (renamed by root) http://example.com/diaspora/issues/23',
        "!triage gitlabhq/gitlab-test#31 sig kernel  (Kernel, 45%)",
        "!triage gitlabhq/gitlab-test#31 sig infra  (Infrastructure, 30%)",
        "Why these guesses: !triage why gitlabhq/gitlab-test#31",
      ].join("\n"),
    });
    expect(edit).not.toHaveProperty("mentions");
    // Answered by a person: the question already says where it went, and stays so.
    h.clear();
    await ask(32);
    await recordMatrixMessage(h.db, {
      dedupeKey: "gitlab:triage:1:32:ask:kernel",
      roomId: "!triage:example.org",
      eventId: "$q32",
    });
    await saveTriageCorrection(h.db, {
      projectId: 1,
      issueIid: 32,
      title: "API call crashes",
      description: "",
      sig: "kernel",
      correctedBy: "ines",
    });
    expect(await deliverTo(32)).toBe(false);
    expect(jobs).toEqual([]);
  });

  it("a release edited edits its line, deleted takes every line about it back; a tag deleted is one line", async () => {
    await deliver(ownHook("release"), (h) => (h.id = 7));
    const created = only();
    await sent(created);
    h.clear();
    await deliver(ownHook("release"), (h) => ((h.id = 7), (h.action = "update"), (h.name = "v1.1 (LTS)")));
    const edit = only();
    expect(edit).toMatchObject({ replaces: created.dedupeKey, body: expect.stringContaining("released v1.1 (LTS)") });
    await sent(edit);
    h.clear();
    await deliver(ownHook("release"), (h) => ((h.id = 7), (h.action = "delete")));
    expect(jobs).toEqual([
      {
        action: "redact",
        dedupeKey: `${created.dedupeKey}:deleted`,
        target: created.dedupeKey,
        reason: "the release was deleted",
      },
      {
        action: "redact",
        dedupeKey: `${edit.dedupeKey}:deleted`,
        target: edit.dedupeKey,
        reason: "the release was deleted",
      },
    ]);
    h.clear();
    await deliver(ownHook("tag-push"));
    const tagged = only();
    await sent(tagged);
    h.clear();
    const zero = "0000000000000000000000000000000000000000";
    await deliver(
      ownHook("tag-push"),
      (h) => ((h.before = h.after), (h.after = zero), (h.commits = []), (h.total_commits_count = 0)),
    );
    expect(only()).toMatchObject({
      threadOf: tagged.dedupeKey,
      body: "Infrastructure: John Smith deleted tag v1.0.0 in jsmith/example",
      html: '<b>Infrastructure</b>: John Smith deleted tag <code>v1.0.0</code> in <a href="http://example.com/jsmith/example">jsmith/example</a>',
    });
  });

  it("a project made private takes back what rooms were told of it, and tells them nothing more", async () => {
    await deliver(ownHook("push"), (h) => ((h.project.visibility_level = 20), (h.project.id = 77)));
    const pushed = only();
    await sent(pushed);
    h.clear();
    expect(
      await deliver(
        ownHook("push"),
        (h) => ((h.project.visibility_level = 0), (h.project.id = 77), (h.after = "f".repeat(40))),
      ),
    ).toBe(true);
    expect(jobs).toEqual([
      {
        action: "redact",
        dedupeKey: `${pushed.dedupeKey}:private`,
        target: pushed.dedupeKey,
        reason: "the project was made private",
      },
    ]);
    h.clear();
    expect(
      await deliver(
        ownHook("push"),
        (h) => ((h.project.visibility_level = 0), (h.project.id = 77), (h.after = "e".repeat(40))),
      ),
    ).toBe(false);
    expect(jobs).toEqual([]);
  });

  it("a project no SIG follows stays out of every room", async () => {
    expect(await deliver(ownHook("push"), (h) => (h.project.path_with_namespace = "someone/else"))).toBe(false);
    expect(jobs).toEqual([]);
  });
});

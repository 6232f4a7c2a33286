import { recordMatrixMessage } from "@agora/db";
import { Community, type NotifyJob, type NotifySend } from "@agora/schemas";
import { describe, expect, it } from "vitest";
import type { Json } from "../gitlab-deliveries.ts";
import { activityHarness, ownHook, sharedHook } from "./activity-harness.ts";

// Subscriptions of the community file, with GitLab's documented payloads (test/fixtures/gitlab/README.md).

const member = (name: string) => ({ matrix: `@${name}:example.org`, gitlab: name });
const community = Community.parse({
  sigs: [
    {
      id: "infra",
      name: "Infrastructure",
      leads: [member("alice")],
      gitlab: { labels: ["sig::infra"], projects: ["gitlabhq/gitlab-test"] },
      room: "#infra:example.org",
      pings: { who: "leads", on: ["pipeline-failed"] },
    },
    // Named by no subscription: the default, its projects and its label.
    {
      id: "kernel",
      name: "Kernel",
      leads: [member("bob")],
      gitlab: { labels: ["sig::kernel"], projects: ["gitlabhq/gitlab-test"] },
      room: "#kernel:example.org",
    },
  ],
  subscriptions: [
    // Infrastructure only hears of gitlab-org's pipelines, and merge requests labelled API.
    { sig: "infra", groups: ["gitlab-org"], events: ["pipelines"] },
    { sig: "infra", events: ["merge_requests"], labels: { include: ["API"] } },
    {
      room: "#dev:example.org",
      groups: ["gitlabhq"],
      events: ["issues", "merge_requests", "comments"],
      labels: { exclude: ["wip"] },
    },
    {
      room: "#releases:example.org",
      projects: ["gitlab-org/release-webhook-example", "jsmith/example"],
      events: ["releases", "tags"],
    },
    // The SIG's own room written again: told once, as the SIG's.
    { room: "#kernel:example.org", groups: ["gitlabhq"] },
  ],
});

describe("subscriptions route GitLab events to rooms", () => {
  const h = activityHarness(community);
  const deliver = async (body: Json, edit: (h: Json) => void = () => {}) => {
    h.clear();
    await h.deliver(body, edit);
    return [...h.jobs] as NotifySend[];
  };
  const sent = (job: NotifyJob) =>
    recordMatrixMessage(h.db, { dedupeKey: job.dedupeKey, roomId: "!room:example.org", eventId: `$${job.dedupeKey}` });
  const byRoom = (list: NotifySend[]) => Object.fromEntries(list.map((j) => [j.room, j]));

  it("a merge request: the SIG by its label filter, a group's room without a SIG prefix, a SIG's room once", async () => {
    const rooms = byRoom(await deliver(sharedHook("merge-request"), (h) => (h.object_attributes.action = "open")));
    expect(Object.keys(rooms).sort()).toEqual(["#dev:example.org", "#infra:example.org", "#kernel:example.org"]);
    expect(rooms["#dev:example.org"]).toMatchObject({
      dedupeKey: "gitlab:mr:1:1:open:#dev:example.org",
      body: 'root opened gitlabhq/gitlab-test!1 "MS-Viewport" http://example.com/diaspora/merge_requests/1',
      html: 'root opened <a href="http://example.com/diaspora/merge_requests/1">gitlabhq/gitlab-test!1</a> "MS-Viewport"',
    });
    expect(rooms["#kernel:example.org"]?.body).toMatch(/^Kernel: root opened/);
    // Without the API label, Infrastructure's filter leaves it out; wip is excluded from #dev.
    const unlabelled = await deliver(
      sharedHook("merge-request"),
      (h) => ((h.object_attributes.action = "open"), (h.labels = [{ id: 9, title: "wip" }])),
    );
    expect(unlabelled.map((j) => j.room)).toEqual(["#kernel:example.org"]);
  });

  it("an issue opened is told in a subscribed room; its comments and closing go into that message's thread", async () => {
    const opened = await deliver(sharedHook("issue-open"));
    // A SIG's room hears of a new issue from triage, not here.
    expect(opened).toEqual([
      expect.objectContaining({
        room: "#dev:example.org",
        dedupeKey: "gitlab:issue:1:23:open:#dev:example.org",
        body: 'root opened gitlabhq/gitlab-test#23 "New API: create/update/delete file" http://example.com/diaspora/issues/23',
      }),
    ]);
    await sent(opened[0]!);
    const note = await deliver(
      sharedHook("note-issue"),
      (h) => ((h.project.path_with_namespace = "gitlabhq/gitlab-test"), (h.project.id = 1), (h.issue.iid = 23)),
    );
    expect(note).toEqual([
      expect.objectContaining({
        room: "#dev:example.org",
        threadOf: "gitlab:issue:1:23:open:#dev:example.org",
        body: expect.stringMatching(/^\S+ commented on gitlabhq\/gitlab-test#23: "Hello world"/),
      }),
    ]);
    const closed = await deliver(
      sharedHook("issue-open"),
      (h) => ((h.object_attributes.action = "close"), (h.object_attributes.state = "closed")),
    );
    expect(closed).toEqual([
      expect.objectContaining({
        room: "#dev:example.org",
        threadOf: "gitlab:issue:1:23:open:#dev:example.org",
        body: expect.stringContaining("root closed gitlabhq/gitlab-test#23"),
      }),
    ]);
    expect(await deliver(sharedHook("issue-open"), (h) => (h.object_attributes.confidential = true))).toEqual([]);
  });

  it("pipelines, releases and tags go where their kind is subscribed, and nowhere else", async () => {
    const failed = await deliver(ownHook("pipeline"), (h) => (h.object_attributes.status = "failed"));
    expect(failed).toEqual([
      expect.objectContaining({ room: "#infra:example.org", msgtype: "text", mentions: ["@alice:example.org"] }),
    ]);
    expect((await deliver(ownHook("release"))).map((j) => [j.room, j.body])).toEqual([
      [
        "#releases:example.org",
        "gitlab-org/release-webhook-example released v1.1 https://example.com/gitlab-org/release-webhook-example/-/releases/v1.1",
      ],
    ]);
    expect((await deliver(ownHook("tag-push"))).map((j) => j.room)).toEqual(["#releases:example.org"]);
    // Infrastructure subscribed to neither pushes nor its own listed project's pipelines.
    expect(await deliver(ownHook("push"), (h) => (h.project.path_with_namespace = "gitlabhq/gitlab-test"))).toEqual([
      expect.objectContaining({
        room: "#kernel:example.org",
        body: expect.stringMatching(/^Kernel: John Smith pushed 4 commits/),
      }),
    ]);
    expect(
      await deliver(
        ownHook("pipeline"),
        (h) => ((h.object_attributes.status = "failed"), (h.project.path_with_namespace = "gitlabhq/gitlab-test")),
      ),
    ).toEqual([expect.objectContaining({ room: "#kernel:example.org" })]);
  });
});

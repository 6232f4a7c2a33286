import { readFileSync } from "node:fs";
import { findMatrixMessage } from "@agora/db";
import { freshDatabase, type TestDatabase, waitFor } from "@agora/db/testing";
import { startFakeGitlab, type FakeGitlab } from "@agora/gitlab/testing";
import { createMatrixTransport } from "@agora/matrix";
import {
  createRoom,
  readRoomEvents,
  startSynapse,
  type RegisteredUser,
  type RoomEvent,
  type TestSynapse,
} from "@agora/matrix/testing";
import { createCommandRouter, createPermissions, startNotifierWorker } from "@agora/notifier";
import { createJobQueue, notifyJob, triageJob, type JobQueue } from "@agora/queue";
import { Community, parseGitlabWebhook } from "@agora/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerTriageCommands } from "../../src/chat/index.ts";
import { createProjectActivityConsumer, createTriageConsumer, startTriageWorker } from "../../src/consumers/index.ts";

// What a SIG lead reads: GitLab's issue webhook (the repo's fixture) → triage consumer → triage
// worker (real HTTP to the fake GitLab) → notify jobs → notifier → a real Synapse, read back by
// the lead's own account; then a move from chat and the issue made confidential.
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON fixtures edited per test
const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8")) as Json;
const fixture = read("../../../../packages/schemas/test/fixtures/gitlab/issue-open.json");
const fixtures = {
  note: read("../../../../packages/schemas/test/fixtures/gitlab/note-issue.json"),
  mergeRequest: read("../../../../packages/schemas/test/fixtures/gitlab/merge-request.json"),
  pipeline: read("../fixtures/gitlab/pipeline.json"),
  release: read("../fixtures/gitlab/release.json"),
  tagPush: read("../fixtures/gitlab/tag-push.json"),
  push: read("../fixtures/gitlab/push.json"),
};

describe("triage messages in a real Synapse, read by a lead", { timeout: 180_000 }, () => {
  let synapse: TestSynapse;
  let t: TestDatabase;
  let fake: FakeGitlab;
  let queue: JobQueue;
  let bot: RegisteredUser;
  let lead: RegisteredUser;
  const rooms: Record<"infra" | "kernel" | "triage" | "dev", string> = { infra: "", kernel: "", triage: "", dev: "" };
  let community: Community;
  const token = "glpat-synapse-secret-9";

  beforeAll(async () => {
    [synapse, t] = await Promise.all([startSynapse({ rateLimits: "lifted" }), freshDatabase("postgres")]);
    [bot, lead] = await Promise.all([synapse.registerUser("triage-bot"), synapse.registerUser("infra-lead")]);
    for (const name of Object.keys(rooms) as (keyof typeof rooms)[]) {
      rooms[name] = await createRoom(synapse.baseUrl, lead.accessToken, { invite: [bot.userId], name });
      await fetch(new URL(`/_matrix/client/v3/join/${encodeURIComponent(rooms[name])}`, synapse.baseUrl), {
        method: "POST",
        headers: { authorization: `Bearer ${bot.accessToken}`, "content-type": "application/json" },
        body: "{}",
      });
    }
    community = Community.parse({
      sigs: [
        {
          id: "infra",
          name: "Infrastructure",
          leads: [{ name: "Ines Lead", matrix: lead.userId, gitlab: "ines" }],
          gitlab: { labels: ["sig::infra"], projects: ["gitlabhq/infra-tools"] },
          keywords: ["api", "repository"],
          room: rooms.infra,
          pings: { who: "leads", on: ["routed", "asked"] },
        },
        {
          id: "kernel",
          name: "Kernel",
          leads: [{ matrix: "@bob:example.org", gitlab: "bob" }],
          gitlab: { labels: ["sig::kernel"] },
          packages: ["kernel"],
          room: rooms.kernel,
        },
      ],
      // A room of no SIG's, for the gitlabhq group's issues, releases and tags.
      subscriptions: [{ room: rooms.dev, groups: ["gitlabhq"], events: ["issues", "releases", "tags"] }],
      matrix: { triage_room: rooms.triage },
      gitlab: { bot_username: "agora-bot" },
    });
    fake = await startFakeGitlab({
      token,
      users: [
        { id: 5, username: "ines" },
        { id: 6, username: "bob" },
      ],
      projects: [{ id: 1, path_with_namespace: "gitlabhq/gitlab-test" }],
    });
    queue = createJobQueue({ db: t.db, pollingIntervalSeconds: 0.5, superviseIntervalSeconds: 1 });
    await queue.start();
    await queue.register(triageJob, notifyJob);
    const quiet = { info() {}, warn() {} };
    await startTriageWorker({
      queue,
      db: t.db,
      gitlab: { url: fake.url, token },
      community,
      threshold: 0.6,
      logger: quiet,
    });
    const transport = await createMatrixTransport({
      baseUrl: synapse.baseUrl,
      accessToken: bot.accessToken,
      userId: bot.userId,
    });
    await startNotifierWorker({ queue, db: t.db, transport, logger: quiet, pacing: { burst: 100, perSecond: 100 } });
  }, 300_000);
  afterAll(async () => {
    await queue?.stop({ timeoutMs: 2_000 });
    await fake?.close();
    await t?.drop();
    await synapse?.close();
  });

  const deliver = async (edit: (h: Json) => void, body: Json = fixture) => {
    const hook = structuredClone(body);
    edit(hook);
    const parsed = parseGitlabWebhook(hook);
    if (!parsed.success) throw new Error("the edited fixture no longer parses");
    const consumers = [
      createTriageConsumer({ community, logger: { info() {} }, queue }),
      createProjectActivityConsumer({ community, logger: { info() {} }, queue }),
    ];
    const record = {
      id: `d-${Math.random()}`,
      source: "gitlab" as const,
      event: "Hook",
      headers: {},
      receivedAt: new Date(),
    };
    await t.db.transaction(async (tx) => {
      for (const consumer of consumers)
        await consumer.accept(tx, { source: "gitlab", delivery: record, hook: parsed.data });
    });
  };
  const project = {
    id: 1,
    name: "Gitlab Test",
    web_url: "http://example.com/gitlabhq/gitlab-test",
    path_with_namespace: "gitlabhq/gitlab-test",
    default_branch: "master",
  };
  const sent = async (dedupeKey: string) =>
    (await waitFor(
      () => findMatrixMessage(t.db, dedupeKey),
      (m) => Boolean(m?.eventId),
      { what: dedupeKey, timeoutMs: 60_000 },
    ))!.eventId!;
  const read = async (room: string): Promise<RoomEvent[]> =>
    (await readRoomEvents(synapse.baseUrl, lead.accessToken, room, { limit: 100 })).filter(
      (e) => e.sender === bot.userId && e.type === "m.room.message",
    );

  /** What the lead's client shows, for the record. */
  const logRooms = async () => {
    for (const [name, room] of Object.entries(rooms)) {
      for (const e of await readRoomEvents(synapse.baseUrl, lead.accessToken, room)) {
        if (e.sender !== bot.userId || (e.type !== "m.room.message" && e.type !== "m.room.redaction")) continue;
        console.log(
          `[${name}] ${e.type} ${e.type === "m.room.message" ? `${String(e.content.msgtype ?? "(redacted)")} ${JSON.stringify(e.content.body ?? null)}` : `redacts ${e.redacts ?? String(e.content.redacts)}`}`,
        );
        if (e.content.formatted_body) console.log(`        html: ${String(e.content.formatted_body)}`);
      }
    }
  };

  it("shows linked one-line messages with HTML, pings the lead on purpose, and takes a confidential issue back", async () => {
    fake.addIssue({ project_id: 1, iid: 23, title: fixture.object_attributes.title, labels: ["API"] });
    fake.addIssue({ project_id: 1, iid: 24, title: "API call crashes the kernel", labels: [] });
    await deliver(() => {});
    await deliver((h) => {
      h.object_attributes.iid = 24;
      h.object_attributes.url = "http://example.com/diaspora/issues/24";
      h.object_attributes.title = "API call crashes the kernel";
      h.object_attributes.description = "";
    });
    const routed = await sent("gitlab:triage:1:23:act:infra");
    const asked = await sent("gitlab:triage:1:24:ask:infra");
    for (const e of await read(rooms.infra))
      console.log(
        `[infra, before] ${String(e.content.msgtype)} ${JSON.stringify(e.content.body)}\n        html: ${String(e.content.formatted_body)}`,
      );

    const [routedEvent] = (await read(rooms.infra)).filter((e) => e.event_id === routed);
    expect(routedEvent!.content).toMatchObject({
      msgtype: "m.text",
      body: 'Ines Lead: Infrastructure: root opened gitlabhq/gitlab-test#23 "New API: create/update/delete file" [API] http://example.com/diaspora/issues/23',
      format: "org.matrix.custom.html",
      formatted_body: expect.stringContaining(
        '<a href="http://example.com/diaspora/issues/23">gitlabhq/gitlab-test#23</a>',
      ),
      "m.mentions": { user_ids: [lead.userId] },
    });
    expect(routedEvent!.content.formatted_body).toContain(
      `<a href="https://matrix.to/#/${encodeURIComponent(lead.userId)}">Ines Lead</a>`,
    );
    const [askedEvent] = (await read(rooms.triage)).filter((e) => e.event_id === asked);
    expect(String(askedEvent!.content.body).split("\n")).toContain(
      "!triage gitlabhq/gitlab-test#24 sig kernel  (Kernel, 45%)",
    );
    expect(askedEvent!.content.formatted_body).toContain(
      "<li><code>!triage gitlabhq/gitlab-test#24 sig kernel</code> Kernel, 45%</li>",
    );

    // The lead moves #24 from chat: both rooms get one line.
    const router = createCommandRouter();
    registerTriageCommands({
      router,
      ctx: {
        gitlab: { url: fake.url, token },
        community,
        db: t.db,
        permissions: createPermissions(community),
        logger: { info() {}, warn() {} },
        notify: async (jobs) => void (await queue.sendMany(notifyJob, jobs)),
      },
    });
    const replies: { body: string; html?: string | undefined }[] = [];
    await router.get("triage")!.handle({
      args: ["gitlabhq/gitlab-test#24", "sig", "kernel"],
      sender: lead.userId,
      roomId: rooms.triage,
      eventId: "$move-1",
      reply: async (body, html) => void replies.push({ body, html }),
    });
    expect(replies[0]!.body).toMatch(
      /^Routed gitlabhq\/gitlab-test#24 to Kernel: added sig::kernel in place of needs-triage and assigned it to bob/,
    );
    const moved = await sent("gitlab:triage-chat:1:24:none:kernel:kernel:$move-1");
    const [movedEvent] = (await readRoomEvents(synapse.baseUrl, lead.accessToken, rooms.kernel)).filter(
      (e) => e.event_id === moved,
    );
    expect(movedEvent!.content).toMatchObject({
      msgtype: "m.notice",
      body: `Kernel: ines moved gitlabhq/gitlab-test#24 "API call crashes the kernel" here ${fake.url}/gitlabhq/gitlab-test/-/issues/24`,
    });
    // The triage room's question is edited to its answer.
    const answered = await sent("gitlab:triage:1:24:ask:infra:answered:kernel");
    const [edit] = (await readRoomEvents(synapse.baseUrl, lead.accessToken, rooms.triage)).filter(
      (e) => e.event_id === answered,
    );
    expect(edit!.content).toMatchObject({
      "m.relates_to": { rel_type: "m.replace", event_id: asked },
      "m.new_content": {
        body: `Placed: ines routed gitlabhq/gitlab-test#24 "API call crashes the kernel" to Kernel ${fake.url}/gitlabhq/gitlab-test/-/issues/24`,
      },
    });

    // A day of GitLab: a comment on #23 (in its thread), a merge request opened and merged, a
    // pipeline failed and fixed on the default branch.
    // The issue and the merge request carry the SIG's label; the SIG follows its tools' project.
    const labelled = [{ id: 1, title: "sig::infra" }];
    await deliver(
      (h) => (
        (h.project = project),
        (h.issue.iid = 23),
        (h.issue.title = fixture.object_attributes.title),
        (h.issue.labels = labelled)
      ),
      fixtures.note,
    );
    await sent(`gitlab:issue-note:1:23:${fixtures.note.object_attributes.id}:infra`);
    await deliver(
      (h) => ((h.project = project), (h.labels = labelled), (h.object_attributes.action = "open")),
      fixtures.mergeRequest,
    );
    await sent("gitlab:mr:1:1:open:infra");
    await deliver(
      (h) => ((h.project = project), (h.labels = labelled), (h.object_attributes.action = "merge")),
      fixtures.mergeRequest,
    );
    const tools = {
      ...project,
      id: 2,
      path_with_namespace: "gitlabhq/infra-tools",
      web_url: "http://example.com/gitlabhq/infra-tools",
    };
    await deliver(
      (h) => ((h.project = tools), (h.object_attributes.status = "failed"), (h.object_attributes.id = 40)),
      fixtures.pipeline,
    );
    await sent("gitlab:pipeline:2:master:infra:failed:40");
    await deliver((h) => ((h.project = tools), (h.object_attributes.id = 41)), fixtures.pipeline);
    await sent("gitlab:pipeline:2:master:infra:fixed:41");
    const day = await read(rooms.infra);
    const threadOf = (e: RoomEvent) =>
      (e.content["m.relates_to"] as { rel_type?: string; event_id?: string } | undefined)?.event_id;
    const comment = day.find((e) => String(e.content.body).includes("commented on"));
    expect(threadOf(comment!)).toBe(routed);
    expect(day.every((e) => typeof e.content.formatted_body === "string")).toBe(true);

    // #23 made confidential: its message is redacted for the reader.
    await deliver((h) => {
      h.event_type = "confidential_issue";
      h.object_attributes.action = "update";
      h.object_attributes.confidential = true;
      h.changes = { confidential: { previous: false, current: true } };
    });
    await sent("gitlab:triage:1:23:act:infra:confidential");
    await sent(`gitlab:issue-note:1:23:${fixtures.note.object_attributes.id}:infra:confidential`);
    const after = await readRoomEvents(synapse.baseUrl, lead.accessToken, rooms.infra);
    expect(after.find((e) => e.event_id === routed)?.content).toEqual({});
    // Its comment too, in the thread: it quoted the issue.
    expect(after.find((e) => e.event_id === comment!.event_id)?.content).toEqual({});
    expect(JSON.stringify(after)).not.toContain("New API");
    // The subscribed room's line on #23 goes the same way.
    await sent(`gitlab:issue:1:23:open:${rooms.dev}:confidential`);
    expect(JSON.stringify(await readRoomEvents(synapse.baseUrl, lead.accessToken, rooms.dev))).not.toContain("New API");

    await logRooms();
  });

  it("edits a retitled issue's lines, follows a release's life and a tag's, and takes back a project made private", async () => {
    fake.addIssue({ project_id: 1, iid: 26, title: "Repository mirror sync stalls", labels: [] });
    const opened = (h: Json) => {
      h.object_attributes.iid = 26;
      h.object_attributes.url = "http://example.com/diaspora/issues/26";
      h.object_attributes.title = "Repository mirror sync stalls";
      h.object_attributes.description = "";
    };
    await deliver(opened);
    const routed = await sent("gitlab:triage:1:26:act:infra");
    const subscribed = await sent(`gitlab:issue:1:26:open:${rooms.dev}`);
    const [line] = (await read(rooms.dev)).filter((e) => e.event_id === subscribed);
    expect(line!.content).toMatchObject({
      msgtype: "m.notice",
      body: 'root opened gitlabhq/gitlab-test#26 "Repository mirror sync stalls" http://example.com/diaspora/issues/26',
    });

    // Renamed: each room's first message about it is edited, not followed by a new one.
    await deliver((h) => {
      opened(h);
      h.object_attributes.action = "update";
      h.object_attributes.title = "Mirror sync stalls on aarch64";
      h.labels = [{ id: 1, title: "sig::infra" }];
      h.changes = { title: { previous: "Repository mirror sync stalls", current: "Mirror sync stalls on aarch64" } };
    });
    const renamed = (
      await waitFor(
        async () =>
          (await read(rooms.infra)).filter(
            (e) => (e.content["m.relates_to"] as { event_id?: string } | undefined)?.event_id === routed,
          ),
        (events) => events.length > 0,
        { what: "the edit of #26's routed line", timeoutMs: 60_000 },
      )
    )[0]!;
    expect(renamed.content).toMatchObject({
      "m.relates_to": { rel_type: "m.replace", event_id: routed },
      "m.new_content": {
        body: 'Infrastructure: gitlabhq/gitlab-test#26 "Mirror sync stalls on aarch64" (renamed by root) http://example.com/diaspora/issues/26',
      },
    });
    const devRenamed = await waitFor(
      async () =>
        (await read(rooms.dev)).filter(
          (e) => (e.content["m.relates_to"] as { event_id?: string } | undefined)?.event_id === subscribed,
        ),
      (events) => events.length > 0,
      { what: "the edit of #26's subscribed line", timeoutMs: 60_000 },
    );
    expect(devRenamed[0]!.content["m.new_content"]).toMatchObject({
      body: expect.stringMatching(/^gitlabhq\/gitlab-test#26 "Mirror sync stalls on aarch64"/),
    });

    // An issue triage asked about, renamed while the question waits: the question is edited, commands kept.
    fake.addIssue({ project_id: 1, iid: 27, title: "API call crashes the kernel", labels: [] });
    const asking = (h: Json) => {
      h.object_attributes.iid = 27;
      h.object_attributes.url = "http://example.com/diaspora/issues/27";
      h.object_attributes.title = "API call crashes the kernel";
      h.object_attributes.description = "";
    };
    await deliver(asking);
    const question = await sent("gitlab:triage:1:27:ask:infra");
    await deliver((h) => {
      asking(h);
      h.object_attributes.action = "update";
      h.object_attributes.title = "API call crashes the kernel on aarch64";
      h.changes = {
        title: { previous: "API call crashes the kernel", current: "API call crashes the kernel on aarch64" },
      };
    });
    const reworded = (
      await waitFor(
        async () =>
          (await read(rooms.triage)).filter(
            (e) => (e.content["m.relates_to"] as { event_id?: string } | undefined)?.event_id === question,
          ),
        (events) => events.length > 0,
        { what: "the edit of #27's question", timeoutMs: 60_000 },
      )
    )[0]!;
    const newContent = reworded.content["m.new_content"] as { body: string; formatted_body: string };
    expect(newContent.body.split("\n")).toEqual([
      'Needs a SIG: gitlabhq/gitlab-test#27 "API call crashes the kernel on aarch64" (renamed by root) http://example.com/diaspora/issues/27',
      "!triage gitlabhq/gitlab-test#27 sig infra  (Infrastructure, 45%)",
      "!triage gitlabhq/gitlab-test#27 sig kernel  (Kernel, 45%)",
      "Why these guesses: !triage why gitlabhq/gitlab-test#27",
    ]);
    expect(newContent.formatted_body).toContain(
      "<li><code>!triage gitlabhq/gitlab-test#27 sig kernel</code> Kernel, 45%</li>",
    );

    // A release created, renamed, then deleted; a tag pushed, then deleted.
    const release = (h: Json) => ((h.project = project), (h.id = 9));
    await deliver(release, fixtures.release);
    const created = await sent(`gitlab:release:1:9:create:${rooms.dev}`);
    await deliver((h) => (release(h), (h.action = "update"), (h.name = "v1.1 (LTS)")), fixtures.release);
    const updates = await waitFor(
      async () =>
        (await read(rooms.dev)).filter(
          (e) => (e.content["m.relates_to"] as { event_id?: string } | undefined)?.event_id === created,
        ),
      (events) => events.length > 0,
      { what: "the release's edit", timeoutMs: 60_000 },
    );
    expect(updates[0]!.content["m.new_content"]).toMatchObject({
      body: "gitlabhq/gitlab-test released v1.1 (LTS) https://example.com/gitlab-org/release-webhook-example/-/releases/v1.1",
    });
    await deliver((h) => (release(h), (h.action = "delete")), fixtures.release);
    await sent(`gitlab:release:1:9:create:${rooms.dev}:deleted`);
    const tag = (h: Json) => ((h.project = project), (h.project_id = 1));
    await deliver(tag, fixtures.tagPush);
    const tagged = await sent(`gitlab:tag_push:1:refs/tags/v1.0.0:${fixtures.tagPush.after}:${rooms.dev}`);
    await deliver(
      (h) => (tag(h), (h.before = h.after), (h.after = "0".repeat(40)), (h.commits = []), (h.total_commits_count = 0)),
      fixtures.tagPush,
    );
    const untagged = await sent(`gitlab:tag_push:1:refs/tags/v1.0.0:deleted:${fixtures.tagPush.after}:${rooms.dev}`);
    const dev = await readRoomEvents(synapse.baseUrl, lead.accessToken, rooms.dev);
    expect(dev.find((e) => e.event_id === created)?.content).toEqual({});
    expect(dev.find((e) => e.event_id === untagged)?.content).toMatchObject({
      body: "John Smith deleted tag v1.0.0 in gitlabhq/gitlab-test",
      "m.relates_to": { rel_type: "m.thread", event_id: tagged },
    });

    await logRooms();
    // The project is made private: its next event (a push, showing visibility_level 0) takes
    // back every line about it; the other project's pipeline lines stay.
    // A line about it queued by a producer that still read it public, not sent before the take-back
    // (its transaction commits only after): no redaction can name it, the withheld prefix stops it.
    const lateKey = `gitlab:issue-note:1:26:comment:late:${rooms.dev}`;
    let commit = () => {};
    const held = new Promise<void>((resolve) => (commit = resolve));
    const late = t.db.transaction(async (tx) => {
      await queue.send(
        notifyJob,
        {
          action: "send",
          dedupeKey: lateKey,
          room: rooms.dev,
          body: "gitlabhq/gitlab-test#26: a comment queued before the project went private",
        },
        { tx },
      );
      await held;
    });
    await deliver((h) => ((h.project = { ...project, visibility_level: 0 }), (h.project_id = 1)), fixtures.push);
    commit();
    await late;
    await sent("gitlab:triage:1:26:act:infra:private");
    await sent(`gitlab:issue:1:26:open:${rooms.dev}:private`);
    await sent(`gitlab:tag_push:1:refs/tags/v1.0.0:${fixtures.tagPush.after}:${rooms.dev}:private`);
    const stillShown = async () =>
      [...(await read(rooms.infra)), ...(await read(rooms.dev)), ...(await read(rooms.triage))].filter((e) =>
        String(e.content.body ?? "").includes("gitlabhq/gitlab-test"),
      );
    // Every redaction goes out; the wait ends when the reader sees none of the project's lines.
    expect(
      await waitFor(stillShown, (shown) => shown.length === 0, {
        what: "the private project's lines redacted",
        timeoutMs: 60_000,
      }),
    ).toEqual([]);
    expect((await read(rooms.infra)).some((e) => String(e.content.body).includes("gitlabhq/infra-tools"))).toBe(true);
    const notifyQueued = async () =>
      (await queue.depths()).filter((q) => q.name === notifyJob.name).reduce((n, q) => n + q.queued + q.active, 0);
    await waitFor(notifyQueued, (n) => n === 0, { what: "the notify queue empty", timeoutMs: 60_000 });
    expect(await findMatrixMessage(t.db, lateKey)).toBeUndefined();
    expect(JSON.stringify(await read(rooms.dev))).not.toContain("queued before the project went private");
    await logRooms();
  });
});

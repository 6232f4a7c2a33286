import { readFileSync } from "node:fs";
import { createGitlabApi } from "@agora/gitlab";
import { startFakeGitlab, type FakeGitlab } from "@agora/gitlab/testing";
import {
  findTakenBackMatrixMessages,
  findTriageCorrection,
  findTriageDecision,
  listTriageDecisionsForSig,
  recordMatrixMessage,
} from "@agora/db";
import { dialects, freshDatabase, type TestDatabase } from "@agora/db/testing";
import { Community, parseGitlabWebhook, type NotifyJob, type TriageJob } from "@agora/schemas";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTriageConsumer, triageIssue, type TriageWorkerContext } from "../../src/consumers/index.ts";
import { TriageError } from "../../src/actions/index.ts";

// The GitLab fixture driven through the consumer (in a delivery's transaction) and the worker,
// which talks real HTTP to the fake GitLab through @gitbeaker/rest.

const fixture = JSON.parse(
  readFileSync(new URL("../../../../packages/schemas/test/fixtures/gitlab/issue-open.json", import.meta.url), "utf8"),
) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a JSON fixture edited per test
const token = "glpat-flow-secret-5";
const member = (name: string) => ({ matrix: `@${name}:example.org`, gitlab: name });
const community = Community.parse({
  sigs: [
    {
      id: "infra",
      name: "Infrastructure",
      leads: [member("alice")],
      triagers: [member("jdoe")],
      gitlab: { labels: ["sig::infra"] },
      keywords: ["api", "repository"],
      room: "#infra:example.org",
    },
    {
      id: "kernel",
      name: "Kernel",
      leads: [member("bob")],
      gitlab: { labels: ["sig::kernel"] },
      packages: ["kernel"],
      room: "#kernel:example.org",
    },
  ],
  matrix: { triage_room: "#triage:example.org" },
  gitlab: { bot_username: "agora-bot" },
});

/** The fixture with `edit` applied to a deep copy. */
function hookWith(edit: (hook: typeof fixture) => void = () => {}) {
  const hook = structuredClone(fixture);
  edit(hook);
  const parsed = parseGitlabWebhook(hook);
  if (!parsed.success) throw new Error("the edited fixture no longer parses");
  return parsed.data;
}

describe.each(dialects)("triage flow on %s", (dialect) => {
  let t: TestDatabase;
  let fake: FakeGitlab;
  let triageJobs: TriageJob[];
  let notifyJobs: NotifyJob[];
  let ctx: TriageWorkerContext;
  const consumer = createTriageConsumer({
    community,
    logger: { info: () => {} },
    queue: {
      sendMany: async (definition, jobs) => {
        if (definition.name === "notify") notifyJobs.push(...(jobs as readonly unknown[] as NotifyJob[]));
        else triageJobs.push(...(jobs as readonly unknown[] as TriageJob[]));
        return [];
      },
    },
  });

  beforeEach(async () => {
    t = await freshDatabase(dialect);
    fake = await startFakeGitlab({ token, users: [{ id: 7, username: "jdoe" }] });
    triageJobs = [];
    notifyJobs = [];
    ctx = {
      db: t.db,
      actions: {
        gitlab: createGitlabApi({ url: fake.url, token }),
        botUsername: "agora-bot",
        community,
        logger: { info: () => {}, warn: () => {} },
      },
      routing: { community, threshold: 0.6 },
      enqueueNotify: async (_tx, jobs) => {
        notifyJobs.push(...jobs);
      },
    };
  });
  afterEach(async () => {
    await fake.close();
    await t.drop();
  });

  const record = { id: "d-1", source: "gitlab" as const, event: "Issue Hook", headers: {}, receivedAt: new Date() };
  const deliver = (hook: ReturnType<typeof hookWith>) =>
    t.db.transaction((tx) => consumer.accept(tx, { source: "gitlab", delivery: record, hook }));
  const issuePath = "/api/v4/projects/1/issues/23";
  const writes = () =>
    fake.requests.filter((r) => r.method !== "GET").map(({ method, path, body }) => ({ method, path, body }));

  it("an opened issue is labelled, assigned, noted, recorded and announced in the SIG's room", async () => {
    fake.addIssue({ project_id: 1, iid: 23, title: fixture.object_attributes.title, labels: ["API"] });
    expect(await deliver(hookWith())).toBe(true);
    expect(triageJobs).toEqual([
      expect.objectContaining({
        projectId: 1,
        issueIid: 23,
        projectPath: "gitlabhq/gitlab-test",
        labels: ["API"],
        confidential: false,
      }),
    ]);

    const outcome = await triageIssue({ ctx, input: triageJobs[0]! });
    expect(outcome.result).toMatchObject({ status: "routed", sig: "infra", assignee: "jdoe" });
    expect(writes()).toEqual([
      { method: "PUT", path: issuePath, body: { add_labels: "sig::infra" } },
      { method: "PUT", path: issuePath, body: { assignee_ids: [7] } },
      {
        method: "POST",
        path: `${issuePath}/notes`,
        body: { body: expect.stringContaining('keyword "api" in the title') },
      },
    ]);
    expect(notifyJobs).toHaveLength(1);
    const message = notifyJobs[0]!;
    expect(message).toMatchObject({
      action: "send",
      room: "#infra:example.org",
      dedupeKey: "gitlab:triage:1:23:act:infra",
    });
    // One line, as GitLab's chat notifications write it; the SIG's own label is the room's, not news.
    expect(message).toMatchObject({
      body: 'Infrastructure: root opened gitlabhq/gitlab-test#23 "New API: create/update/delete file" [API] http://example.com/diaspora/issues/23',
      html:
        '<b>Infrastructure</b>: root opened <a href="http://example.com/diaspora/issues/23">gitlabhq/gitlab-test#23</a> ' +
        '"New API: create/update/delete file" <code>API</code>',
    });
    expect(await findTriageDecision(t.db, 1, 23)).toMatchObject({
      sig: "infra",
      mode: "act",
      confidence: 0.9,
      confidential: false,
    });
  });

  it("asks for what the SIG requires and the report does not say, once the SIG is known", async () => {
    const strict = Community.parse({
      ...community,
      sigs: community.sigs.map((sig) => (sig.id === "infra" ? { ...sig, requires: ["version", "architecture"] } : sig)),
    });
    const strictCtx = {
      ...ctx,
      actions: { ...ctx.actions, community: strict },
      routing: { ...ctx.routing, community: strict },
    };
    fake.addIssue({ project_id: 1, iid: 23, labels: ["API"] });
    await deliver(
      hookWith(
        (h) => (h.object_attributes.description = "Create new API for manipulations with repository on aarch64"),
      ),
    );
    const outcome = await triageIssue({ ctx: strictCtx, input: triageJobs[0]! });
    expect(outcome.result).toMatchObject({ status: "routed", labels: ["sig::infra", "needs-info"] });
    const notes = writes()
      .filter((w) => w.method === "POST")
      .map((w) => String((w.body as { body: string }).body));
    expect(notes).toHaveLength(2);
    expect(notes[1]).toContain("the release and version where it happens");
    // The report names its architecture: that is not asked for.
    expect(notes[1]).not.toContain("architecture");
    expect(writes()).toContainEqual({ method: "PUT", path: issuePath, body: { add_labels: "needs-info" } });
  });

  it("a confidential issue is announced by its link and SIG only", async () => {
    fake.addIssue({ project_id: 1, iid: 23, labels: ["API"] });
    await deliver(hookWith((h) => (h.object_attributes.confidential = true)));
    await triageIssue({ ctx, input: triageJobs[0]! });
    expect(notifyJobs).toHaveLength(1);
    const body = notifyJobs[0]!.action === "send" ? notifyJobs[0]!.body : "";
    expect(body).toBe(
      "Infrastructure: a confidential issue, gitlabhq/gitlab-test#23 http://example.com/diaspora/issues/23",
    );
    expect(notifyJobs[0]).toMatchObject({ html: expect.not.stringContaining("New API") });
    expect(await findTriageDecision(t.db, 1, 23)).toMatchObject({ confidential: true });
  });

  // GitLab sends an issue made confidential as a Confidential Issue Hook (event_type
  // confidential_issue), action update, with changes.confidential false → true.
  const madeConfidential = (edit: (h: typeof fixture) => void = () => {}) =>
    hookWith((h) => {
      h.event_type = "confidential_issue";
      h.object_attributes.action = "update";
      h.object_attributes.confidential = true;
      h.changes = { confidential: { previous: false, current: true } };
      edit(h);
    });

  /** As the notifier records a message it posted to the Infrastructure room. */
  const postedInInfra = (dedupeKey: string, eventId: string) =>
    recordMatrixMessage(t.db, { dedupeKey, roomId: "!infra:example.org", eventId });

  it("an issue made confidential after it was announced: its room messages are redacted and it leaves the pages", async () => {
    fake.addIssue({ project_id: 1, iid: 23, labels: ["API"] });
    await deliver(hookWith());
    await triageIssue({ ctx, input: triageJobs[0]! });
    const announced = notifyJobs[0]!;
    await postedInInfra(announced.dedupeKey, "$announced");
    // A move from chat said it in another room too.
    await postedInInfra("gitlab:triage-chat:1:23:none:infra:infra:$cmd", "$moved");
    await postedInInfra("gitlab:triage:1:230:act:infra", "$another-issue");
    expect((await listTriageDecisionsForSig(t.db, "infra", new Date(0))).map((d) => d.issueIid)).toEqual([23]);
    notifyJobs = [];

    // Closed, by anyone: the title still goes.
    expect(
      await deliver(madeConfidential((h) => ((h.object_attributes.state = "closed"), (h.user.username = "agora-bot")))),
    ).toBe(true);
    expect(notifyJobs).toEqual([
      {
        action: "redact",
        dedupeKey: "gitlab:triage:1:23:act:infra:confidential",
        target: "gitlab:triage:1:23:act:infra",
        reason: "the issue was made confidential",
      },
      {
        action: "redact",
        dedupeKey: "gitlab:triage-chat:1:23:none:infra:infra:$cmd:confidential",
        target: "gitlab:triage-chat:1:23:none:infra:infra:$cmd",
        reason: "the issue was made confidential",
      },
    ]);
    expect(triageJobs).toHaveLength(1);
    expect(await findTriageDecision(t.db, 1, 23)).toMatchObject({ confidential: true });
    expect(await listTriageDecisionsForSig(t.db, "infra", new Date(0))).toEqual([]);
  });

  // Project hooks send no event of their own when a project is made private: its next event
  // shows project.visibility_level 0 (GitLab's private; 10 internal, 20 public).
  it("a project made private: its room messages are redacted, its issues leave the pages and are told by link only", async () => {
    fake.addIssue({ project_id: 1, iid: 23, labels: ["API"] });
    fake.addIssue({ project_id: 1, iid: 24, labels: ["API"] });
    await deliver(hookWith());
    await triageIssue({ ctx, input: triageJobs[0]! });
    await postedInInfra(notifyJobs[0]!.dedupeKey, "$announced");
    await postedInInfra("gitlab:mr:1:5:open:infra", "$mr");
    await postedInInfra("gitlab:issue-note:1:23:close:x:infra", "$closed");
    await postedInInfra("gitlab:issue-note:1:23:close:x:infra:confidential", "$gone");
    await postedInInfra("gitlab:mr:10:5:open:infra", "$other-project");
    notifyJobs = [];
    triageJobs = [];

    const madePrivate = (edit: (h: typeof fixture) => void = () => {}) =>
      hookWith(
        (h) => ((h.project.visibility_level = 0), (h.object_attributes.action = "update"), (h.changes = {}), edit(h)),
      );
    await deliver(madePrivate());
    // What was redacted already is not redacted again; other projects keep theirs.
    expect(notifyJobs).toEqual([
      {
        action: "redact",
        dedupeKey: "gitlab:triage:1:23:act:infra:private",
        target: "gitlab:triage:1:23:act:infra",
        reason: "the project was made private",
      },
      {
        action: "redact",
        dedupeKey: "gitlab:mr:1:5:open:infra:private",
        target: "gitlab:mr:1:5:open:infra",
        reason: "the project was made private",
      },
    ]);
    expect(await findTriageDecision(t.db, 1, 23)).toMatchObject({ confidential: true });
    expect(await listTriageDecisionsForSig(t.db, "infra", new Date(0))).toEqual([]);
    // What was queued about the project and not sent yet (nothing can name it) is withheld by
    // its keys' prefixes: the notifier sends nothing under them while the project is private.
    const queued = [
      "gitlab:triage:1:99:act:infra",
      "gitlab:issue-note:1:23:reopen:y:infra",
      "gitlab:mr:10:6:open:infra",
    ];
    expect(await findTakenBackMatrixMessages(t.db, queued)).toEqual(new Set(queued.slice(0, 2)));
    notifyJobs = [];
    await deliver(madePrivate());
    expect(notifyJobs).toEqual([]);

    // A new issue of the private project is triaged, and told as a confidential one is, under a
    // key of its own that is not withheld.
    await deliver(madePrivate((h) => ((h.object_attributes.action = "open"), (h.object_attributes.iid = 24))));
    expect(triageJobs).toEqual([expect.objectContaining({ issueIid: 24, confidential: true })]);
    await triageIssue({ ctx, input: triageJobs[0]! });
    expect(notifyJobs).toEqual([
      expect.objectContaining({
        dedupeKey: "gitlab:triage-private:1:24:act:infra",
        body: expect.stringContaining("a confidential issue"),
      }),
    ]);
    expect(await findTakenBackMatrixMessages(t.db, [notifyJobs[0]!.dedupeKey])).toEqual(new Set());
    // A project first seen private showed nothing public: it is not withdrawn.
    await deliver(hookWith((h) => ((h.project.id = 2), (h.project.visibility_level = 0))));
    expect(triageJobs[1]).toMatchObject({ projectId: 2, confidential: false });
    // Public again: its issues are told in full again, and nothing is withheld any more.
    await deliver(hookWith((h) => (h.object_attributes.iid = 25)));
    expect(triageJobs[2]).toMatchObject({ issueIid: 25, confidential: false });
    expect(await findTakenBackMatrixMessages(t.db, queued)).toEqual(new Set());
  });

  it("a triage job queued before the issue was made confidential announces it by its link only", async () => {
    fake.addIssue({ project_id: 1, iid: 23, labels: ["API"], confidential: true });
    await deliver(hookWith());
    expect(triageJobs[0]).toMatchObject({ confidential: false });
    await triageIssue({ ctx, input: triageJobs[0]! });
    expect(notifyJobs[0]).toMatchObject({
      body: "Infrastructure: a confidential issue, gitlabhq/gitlab-test#23 http://example.com/diaspora/issues/23",
    });
    expect(await findTriageDecision(t.db, 1, 23)).toMatchObject({ confidential: true });
  });

  it("pings the SIG's people as the community file says, once a day per issue, never in quiet hours", async () => {
    const pinging = Community.parse({
      ...community,
      sigs: community.sigs.map((sig) =>
        sig.id === "infra" ? { ...sig, pings: { who: "both", on: ["routed"], quiet_hours: "22:00-07:00" } } : sig,
      ),
    });
    let now = new Date("2026-12-04T12:00:00Z");
    const pingCtx = {
      ...ctx,
      actions: { ...ctx.actions, community: pinging },
      routing: { ...ctx.routing, community: pinging },
      now: () => now,
    };
    fake.addIssue({ project_id: 1, iid: 23, labels: ["API"] });
    fake.addIssue({ project_id: 1, iid: 24, labels: ["API"] });
    await deliver(hookWith());
    await triageIssue({ ctx: pingCtx, input: triageJobs[0]! });
    expect(notifyJobs[0]).toMatchObject({
      msgtype: "text",
      mentions: ["@alice:example.org", "@jdoe:example.org"],
      body: expect.stringMatching(/^@alice:example.org, @jdoe:example.org: Infrastructure: root opened/),
      html: expect.stringMatching(
        /^<a href="https:\/\/matrix.to\/#\/%40alice%3Aexample.org">@alice:example.org<\/a>, <a href=/,
      ),
    });
    // The same issue again today (a retry, an edit): a notice, nobody pinged twice.
    await triageIssue({ ctx: pingCtx, input: triageJobs[0]! });
    expect(notifyJobs[1]).not.toHaveProperty("mentions");
    expect(notifyJobs[1]).not.toHaveProperty("msgtype");
    // Another issue in the quiet hours: a notice too.
    now = new Date("2026-12-04T23:30:00Z");
    await triageIssue({ ctx: pingCtx, input: { ...triageJobs[0]!, issueIid: 24 } });
    expect(notifyJobs[2]).not.toHaveProperty("mentions");
  });

  it("counts the once-a-day limit in days of the SIG's time zone, not UTC days", async () => {
    const pinging = Community.parse({
      ...community,
      sigs: community.sigs.map((sig) =>
        sig.id === "infra"
          ? {
              ...sig,
              pings: {
                who: "leads",
                on: ["routed"],
                quiet_hours: { from: "22:00", to: "07:00", tz: "America/Los_Angeles" },
              },
            }
          : sig,
      ),
    });
    // Friday 4 December at 12:00 in Los Angeles (20:00 UTC)...
    let now = new Date("2026-12-04T20:00:00Z");
    const pingCtx = {
      ...ctx,
      actions: { ...ctx.actions, community: pinging },
      routing: { ...ctx.routing, community: pinging },
      now: () => now,
    };
    fake.addIssue({ project_id: 1, iid: 23, labels: ["API"] });
    await deliver(hookWith());
    await triageIssue({ ctx: pingCtx, input: triageJobs[0]! });
    expect(notifyJobs[0]).toMatchObject({ mentions: ["@alice:example.org"] });
    // ...and 18:00 the same Friday there, though Saturday in UTC: the same day, no second ping.
    now = new Date("2026-12-05T02:00:00Z");
    await triageIssue({ ctx: pingCtx, input: triageJobs[0]! });
    expect(notifyJobs[1]).not.toHaveProperty("mentions");
    // Saturday at 09:00 there, after its quiet hours: a new day.
    now = new Date("2026-12-05T17:00:00Z");
    await triageIssue({ ctx: pingCtx, input: triageJobs[0]! });
    expect(notifyJobs[2]).toMatchObject({ mentions: ["@alice:example.org"] });
  });

  it("ignores the bot's own events and closed issues", async () => {
    expect(await deliver(hookWith((h) => (h.user.username = "agora-bot")))).toBe(false);
    expect(
      await deliver(hookWith((h) => ((h.object_attributes.state = "closed"), (h.object_attributes.action = "update")))),
    ).toBe(false);
    expect(await deliver(hookWith((h) => (h.object_attributes.action = "close")))).toBe(false);
    expect(triageJobs).toEqual([]);
  });

  it("routes a work item and an edit of the text; other edits are not worth a decision", async () => {
    expect(await deliver(hookWith((h) => ((h.object_kind = "work_item"), (h.event_type = "work_item"))))).toBe(true);
    expect(await deliver(hookWith((h) => ((h.object_attributes.action = "update"), delete h.changes.labels)))).toBe(
      false,
    );
    const edited = hookWith((h) => {
      h.object_attributes.action = "update";
      h.changes = { description: { previous: "", current: "Create new API for manipulations with repository" } };
    });
    expect(await deliver(edited)).toBe(true);
    expect(triageJobs.map((j) => j.action)).toEqual(["open", "update"]);
  });

  it("a person's SIG label is recorded as a correction, and the bot leaves that issue alone from then on", async () => {
    fake.addIssue({ project_id: 1, iid: 23, labels: ["API"] });
    await deliver(hookWith());
    const queuedBefore = triageJobs[0]!;
    const relabel = hookWith((h) => {
      h.user.username = "bob";
      h.object_attributes.action = "update";
      h.changes.labels.previous = [{ id: 206, title: "API" }];
      h.changes.labels.current = [
        { id: 206, title: "API" },
        { id: 300, title: "sig::kernel" },
      ];
      h.labels = h.changes.labels.current;
    });
    expect(await deliver(relabel)).toBe(true);
    expect(triageJobs).toHaveLength(1); // only the earlier open
    expect(await findTriageCorrection(t.db, 1, 23)).toEqual({
      projectId: 1,
      issueIid: 23,
      title: "New API: create/update/delete file",
      description: "Create new API for manipulations with repository",
      sig: "kernel",
      correctedBy: "bob",
    });

    // The job queued before the person acted finds the correction and sends nothing to GitLab.
    const outcome = await triageIssue({ ctx, input: queuedBefore });
    expect(outcome.result).toEqual({ status: "skipped", reason: "a person set the SIG label" });
    expect(fake.requests).toEqual([]);
    expect(notifyJobs).toEqual([]);
    // Removing the label later is still the person's call: reopened, it is not routed again.
    expect(await deliver(hookWith((h) => (h.object_attributes.action = "reopen")))).toBe(false);
    expect(triageJobs).toHaveLength(1);
  });

  it("low confidence asks in the triage room with the top suggestions, and labels needs-triage", async () => {
    fake.addIssue({ project_id: 1, iid: 23, labels: [] });
    await deliver(
      hookWith((h) => {
        h.object_attributes.title = "API call crashes the kernel";
        h.object_attributes.description = "";
      }),
    );
    const outcome = await triageIssue({ ctx, input: triageJobs[0]! });
    expect(outcome.routing).toMatchObject({ mode: "ask" });
    expect(outcome.routing!.suggestions.map((s) => s.sig)).toEqual(["infra", "kernel"]);
    expect(writes().map((w) => w.body)).toEqual([
      { add_labels: "needs-triage" },
      { body: expect.stringContaining("**Kernel** (`sig::kernel`): 45%") },
    ]);
    expect(notifyJobs).toHaveLength(1);
    expect(notifyJobs[0]).toMatchObject({ room: "#triage:example.org" });
    const body = notifyJobs[0]!.action === "send" ? notifyJobs[0]!.body : "";
    // The guesses as commands a lead copies; the reasons only on demand.
    expect(body.split("\n")).toEqual([
      'Needs a SIG: root opened gitlabhq/gitlab-test#23 "API call crashes the kernel" http://example.com/diaspora/issues/23',
      "!triage gitlabhq/gitlab-test#23 sig infra  (Infrastructure, 45%)",
      "!triage gitlabhq/gitlab-test#23 sig kernel  (Kernel, 45%)",
      "Why these guesses: !triage why gitlabhq/gitlab-test#23",
    ]);
    expect(notifyJobs[0]).toMatchObject({
      html: expect.stringContaining("<li><code>!triage gitlabhq/gitlab-test#23 sig kernel</code> Kernel, 45%</li>"),
    });
    expect(await findTriageDecision(t.db, 1, 23)).toMatchObject({ mode: "ask", sig: "infra" });
  });

  it("an issue deleted in GitLab is dropped without a message; a 403 is a permanent failure", async () => {
    await deliver(hookWith());
    const dropped = await triageIssue({ ctx, input: triageJobs[0]! });
    expect(dropped.result).toMatchObject({ status: "dropped" });
    expect(notifyJobs).toEqual([]);
    expect(await findTriageDecision(t.db, 1, 23)).toBeUndefined();

    fake.addIssue({ project_id: 1, iid: 23 });
    fake.failNext({ times: 1, status: 403 });
    await expect(triageIssue({ ctx, input: triageJobs[0]! })).rejects.toBeInstanceOf(TriageError);
    expect(notifyJobs).toEqual([]);
  });
});

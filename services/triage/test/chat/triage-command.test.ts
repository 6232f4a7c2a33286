import { startFakeGitlab, type FakeGitlab } from "@agora/gitlab/testing";
import {
  findTriageCorrection,
  findTriageDecision,
  saveTriageCorrection,
  saveTriageDecision,
  setTriageDecisionOpen,
} from "@agora/db";
import { freshDatabase, type TestDatabase } from "@agora/db/testing";
import { createCommandRouter, createPermissions, type CommandRouter } from "@agora/notifier";
import { Community, type NotifySend } from "@agora/schemas";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { registerTriageCommands } from "../../src/chat/index.ts";

// The `triage` command as the bot runs it: looked up on the notifier's router, GitLab over real
// HTTP against the fake, decisions and corrections in a real (PGlite) database.

const token = "glpat-chat-secret-3";
const lead = "@bob:example.org";
const community = Community.parse({
  sigs: [
    {
      id: "kernel",
      name: "Kernel",
      leads: [{ matrix: lead, gitlab: "bob" }],
      gitlab: { labels: ["sig::kernel"], projects: ["distro/bugs"] },
      room: "#kernel:example.org",
    },
    {
      id: "cloud",
      name: "Cloud",
      leads: [{ matrix: "@carol:example.org", gitlab: "carol" }],
      gitlab: { labels: ["sig::cloud"] },
      room: "#cloud:example.org",
    },
  ],
  gitlab: { bot_username: "agora-bot" },
});

let t: TestDatabase;
let fake: FakeGitlab;
let router: CommandRouter;
let told: NotifySend[] = [];

beforeAll(async () => {
  fake = await startFakeGitlab({
    token,
    users: [
      { id: 8, username: "bob" },
      { id: 9, username: "carol" },
    ],
  });
  t = await freshDatabase("pglite");
  router = createCommandRouter();
  registerTriageCommands({
    router,
    ctx: {
      gitlab: { url: fake.url, token },
      community,
      db: t.db,
      permissions: createPermissions(community),
      logger: { info: () => {}, warn: () => {} },
      projectsByPath: { "distro/bugs": 7 },
      notify: async (jobs) => {
        told.push(...jobs);
      },
    },
  });
});
afterAll(async () => {
  await t?.drop();
  await fake?.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  told = [];
});

let htmls: (string | undefined)[] = [];
async function run(text: string, sender = lead): Promise<string[]> {
  const replies: string[] = [];
  htmls = [];
  const command = router.get("triage");
  if (!command) throw new Error("triage is not registered");
  await command.handle({
    args: text.split(/\s+/).filter(Boolean),
    sender,
    roomId: "!triage:example.org",
    eventId: "$event",
    reply: async (body, html) => {
      replies.push(body);
      htmls.push(html);
    },
  });
  return replies;
}

const writes = () => fake.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);

it("routes an issue to a SIG from chat, records the correction, and says what it did", async () => {
  fake.addIssue({ project_id: 7, iid: 12, title: "Kernel panic on boot", description: "oops" });
  const replies = await run("distro/bugs#12 sig cloud");
  expect(replies).toEqual([
    "Routed distro/bugs#12 to Cloud: added sig::cloud and assigned it to carol. The bot will not change it back.",
  ]);
  const issue = fake.issue(7, 12)!;
  expect(issue.labels).toEqual(["sig::cloud"]);
  expect(issue.assignees).toEqual([{ id: 9, username: "carol" }]);
  expect(issue.notes[0]).toContain("- set by @\u200bbob:example.org from chat");
  expect(writes()).toEqual([
    "PUT /api/v4/projects/7/issues/12",
    "PUT /api/v4/projects/7/issues/12",
    "POST /api/v4/projects/7/issues/12/notes",
  ]);
  expect(await findTriageCorrection(t.db, 7, 12)).toEqual({
    projectId: 7,
    issueIid: 12,
    title: "Kernel panic on boot",
    description: "oops",
    sig: "cloud",
    correctedBy: lead,
  });
  expect(await findTriageDecision(t.db, 7, 12)).toMatchObject({ sig: "cloud", mode: "act", confidence: 1 });
});

it("reads a full issue URL and a bare #number when the community file names one project", async () => {
  fake.addIssue({ project_id: 7, iid: 13 });
  fake.addIssue({ project_id: 7, iid: 14 });
  expect(await run("https://gitlab.example.org/distro/bugs/-/issues/13 sig kernel")).toEqual([
    "Routed distro/bugs#13 to Kernel: added sig::kernel and assigned it to bob. The bot will not change it back.",
  ]);
  expect(await run("#14 sig kernel")).toEqual([
    "Routed distro/bugs#14 to Kernel: added sig::kernel and assigned it to bob. The bot will not change it back.",
  ]);
  expect(fake.issue(7, 14)!.labels).toEqual(["sig::kernel"]);
});

it("moves a bug from one SIG to another: old label, needs-triage and the bot's assignee go, both rooms are told", async () => {
  fake.addIssue({
    project_id: 7,
    iid: 15,
    title: "Kernel oops in cloud-init",
    labels: ["sig::kernel", "needs-triage", "bug"],
    assignees: [{ id: 8, username: "bob" }],
  });
  const [answer] = await run("distro/bugs#15 sig cloud");
  expect(answer).toBe(
    "Routed distro/bugs#15 to Cloud: added sig::cloud in place of sig::kernel and needs-triage and assigned it to carol. The bot will not change it back.",
  );
  expect(htmls[0]).toContain('Routed <a href="' + fake.url + '/distro/bugs/-/issues/15">distro/bugs#15</a> to Cloud');
  expect(fake.issue(7, 15)!.labels).toEqual(["bug", "sig::cloud"]);
  expect(fake.issue(7, 15)!.assignees).toEqual([{ id: 9, username: "carol" }]);
  const first = fake.requests.find((r) => r.method !== "GET");
  expect(first).toMatchObject({ method: "PUT", body: { remove_labels: "sig::kernel,needs-triage" } });
  const url = `${fake.url}/distro/bugs/-/issues/15`;
  expect(told.map(({ room, body }) => ({ room, body }))).toEqual([
    {
      room: "#cloud:example.org",
      body: `Cloud: bob moved distro/bugs#15 "Kernel oops in cloud-init" here from Kernel ${url}`,
    },
    {
      room: "#kernel:example.org",
      body: `Kernel: bob moved distro/bugs#15 "Kernel oops in cloud-init" to Cloud ${url}`,
    },
  ]);
  expect(told[0]!.html).toBe(
    `<b>Cloud</b>: bob moved <a href="${url}">distro/bugs#15</a> "Kernel oops in cloud-init" here from Kernel`,
  );
  expect(new Set(told.map((m) => m.dedupeKey)).size).toBe(2);
});

it("keeps an assignee a person chose when moving a bug", async () => {
  fake.addIssue({
    project_id: 7,
    iid: 16,
    labels: ["sig::kernel"],
    assignees: [
      { id: 9, username: "carol" },
      { id: 8, username: "bob" },
    ],
  });
  await run("distro/bugs#16 sig cloud");
  expect(fake.issue(7, 16)!.assignees).toEqual([
    { id: 9, username: "carol" },
    { id: 8, username: "bob" },
  ]);
  expect(fake.requests.filter((r) => r.body && "assignee_ids" in (r.body as object))).toEqual([]);
});

it("says why the bot decided, on demand; a confidential issue's reasons stay in GitLab", async () => {
  await saveTriageDecision(t.db, {
    projectId: 7,
    issueIid: 70,
    sig: "kernel",
    confidence: 0.45,
    mode: "ask",
    reasons: ['keyword "oops" in the title', "package kernel"],
    confidential: false,
    suggestions: [
      { sig: "kernel", confidence: 0.45 },
      { sig: "cloud", confidence: 0.3 },
    ],
  });
  await saveTriageDecision(t.db, {
    projectId: 7,
    issueIid: 71,
    sig: "cloud",
    confidence: 0.9,
    mode: "act",
    reasons: ["secret words"],
    confidential: true,
  });
  expect(await run("why distro/bugs#70", "@anyone:example.org")).toEqual([
    'The bot asked for a SIG for distro/bugs#70; best guesses: Kernel 45%, Cloud 30%, because:\n- keyword "oops" in the title\n- package kernel',
  ]);
  expect(htmls[0]).toContain("<li>keyword &quot;oops&quot; in the title</li>");
  expect(await run("why distro/bugs#71")).toEqual([
    "distro/bugs#71 is confidential: the bot's reasons are in its note on the issue, in GitLab.",
  ]);
  expect(await run("why distro/bugs#72")).toEqual(["The bot has not decided anything on distro/bugs#72."]);
  expect(await run("why")).toEqual(["Which issue? !triage why group/project#12"]);
});

it("asks the reporter for what is missing", async () => {
  fake.addIssue({ project_id: 7, iid: 20 });
  const replies = await run("distro/bugs#20 needs-info the kernel version, the architecture");
  expect(replies).toEqual([
    "Asked the reporter of distro/bugs#20 for: the kernel version; the architecture (labelled needs-info).",
  ]);
  const issue = fake.issue(7, 20)!;
  expect(issue.labels).toEqual(["needs-info"]);
  expect(issue.notes[0]).toContain("- the kernel version\n- the architecture");
});

it("politely refuses someone who is not a lead or triager, and touches nothing", async () => {
  fake.addIssue({ project_id: 7, iid: 21 });
  const replies = await run("distro/bugs#21 sig kernel", "@mallory:example.org");
  expect(replies[0]).toMatch(/^Sorry, only the leads and triagers/);
  expect(fake.requests).toEqual([]);
  expect(await findTriageCorrection(t.db, 7, 21)).toBeUndefined();
});

it("answers bad input with what was wrong and the usage", async () => {
  expect((await run("distro/bugs#12 sig nosuch"))[0]).toBe(
    'There is no SIG "nosuch"; the SIGs are: kernel, cloud.\nUsage: !agora triage <issue> sig <id>',
  );
  expect((await run("bugs-12 sig kernel"))[0]).toMatch(/^"bugs-12" is not an issue: use group\/project#12/);
  expect((await run("https://gitlab.example.org/distro/bugs sig kernel"))[0]).toMatch(/is not an issue link/);
  expect((await run("distro/bugs#12 close"))[0]).toMatch(/^Usage: !agora triage <issue> sig <id>/);
  expect((await run(""))[0]).toMatch(/^Usage:/);
  expect(fake.requests).toEqual([]);
});

it("refuses a bare #number when several projects could be meant", async () => {
  const { parseIssueRef } = await import("../../src/chat/index.ts");
  const two = Community.parse({
    ...community,
    sigs: community.sigs.map((sig, i) => ({ ...sig, gitlab: { ...sig.gitlab, projects: [`distro/p${i}`] } })),
  });
  expect(parseIssueRef("#3", two)).toEqual({ error: '"#3" could be in several projects: name it as group/project#3' });
});

it("names older decisions with odd links by what a lead can copy: the path GitLab gives, else the link", async () => {
  await t.db.query("delete from agora_triage_decision");
  fake.projects.push({ id: 5, path_with_namespace: "distro/legacy" });
  // Before migration 0012 no path was kept; these links are not on the configured GitLab's usual path.
  const older = (projectId: number, issueIid: number, url: string) =>
    saveTriageDecision(t.db, {
      projectId,
      issueIid,
      sig: "cloud",
      confidence: 0.4,
      mode: "ask",
      reasons: [],
      confidential: false,
      title: "Old bug",
      url,
      suggestions: [{ sig: "cloud", confidence: 0.4 }],
    });
  await older(5, 70, "http://example.com/diaspora/issues/70");
  await older(5, 71, "http://example.com/diaspora/issues/71");
  await older(6, 72, "https://old-gitlab.example.org/x/issues/72");
  await t.db.query(
    "update agora_triage_decision set decided_at = now() - (issue_iid - 70) * interval '1 minute' where project_id in (5, 6)",
  );
  const [listed] = await run("queue");
  expect(listed!.split("\n")).toEqual([
    "Waiting for a SIG in all SIGs, newest first:",
    '- distro/legacy#70 "Old bug": best guess Cloud 40%. !triage distro/legacy#70 sig cloud',
    '- distro/legacy#71 "Old bug": best guess Cloud 40%. !triage distro/legacy#71 sig cloud',
    '- https://old-gitlab.example.org/x/issues/72 "Old bug": best guess Cloud 40%',
  ]);
  // Once per project per listing.
  expect(fake.requests.filter((r) => r.path === "/api/v4/projects/5")).toHaveLength(1);
  // What it prints, !triage takes back.
  fake.addIssue({ project_id: 5, iid: 70, title: "Old bug" });
  expect((await run("distro/legacy#70 sig cloud"))[0]).toMatch(/^Routed distro\/legacy#70 to Cloud/);
  await t.db.query("delete from agora_triage_decision where project_id in (5, 6)");
});

it("tells people in plain words when GitLab fails", async () => {
  expect(await run("distro/bugs#404 sig kernel")).toEqual([
    "distro/bugs#404 is gone from GitLab (deleted, moved, or the project is not visible to the bot).",
  ]);
  fake.addIssue({ project_id: 7, iid: 30 });
  fake.failNext({ times: 1, status: 403, after: 1 });
  expect(await run("distro/bugs#30 sig kernel")).toEqual([
    "The bot's GitLab token lacks the rights to change distro/bugs#30; ask an operator to check its access.",
  ]);
  expect(await findTriageCorrection(t.db, 7, 30)).toBeUndefined();
  fake.failNext({ times: 20, status: 503 });
  expect(await run("distro/bugs#30 needs-info the version")).toEqual([
    "GitLab is unreachable right now; try again in a minute.",
  ]);
});

it("lists what waits for a person, newest first, as references and commands !triage takes back", async () => {
  await t.db.query("delete from agora_triage_decision");
  fake.addIssue({ project_id: 7, iid: 40, title: "Wifi drops after @resume" });
  fake.addIssue({ project_id: 3, iid: 41, title: "Secret exploit details", confidential: true });
  await saveTriageDecision(t.db, {
    projectId: 7,
    issueIid: 40,
    sig: "kernel",
    confidence: 0.4,
    mode: "ask",
    reasons: [],
    confidential: false,
    suggestions: [
      { sig: "kernel", confidence: 0.4 },
      { sig: "cloud", confidence: 0.3 },
    ],
  });
  await saveTriageDecision(t.db, {
    projectId: 3,
    issueIid: 41,
    sig: "cloud",
    confidence: 0.5,
    mode: "ask",
    reasons: [],
    confidential: true,
    url: "https://gitlab.example.org/distro/secrets/-/issues/41",
    suggestions: [{ sig: "cloud", confidence: 0.5 }],
  });
  // Routed by the bot: nothing waits for a person.
  await saveTriageDecision(t.db, {
    projectId: 7,
    issueIid: 42,
    sig: "kernel",
    confidence: 0.8,
    mode: "act",
    reasons: [],
    confidential: false,
  });
  // No rule placed it: listed without a guess.
  await saveTriageDecision(t.db, {
    projectId: 9,
    issueIid: 45,
    sig: "",
    confidence: 0,
    mode: "ask",
    reasons: [],
    confidential: false,
    title: "Something odd",
    url: "https://gitlab.example.org/distro/other/-/issues/45",
    projectPath: "distro/other",
  });
  await t.db.query("update agora_triage_decision set decided_at = now() - interval '1 hour' where issue_iid = 40");
  await t.db.query("update agora_triage_decision set decided_at = now() - interval '2 hours' where issue_iid = 41");
  const all = await run("queue");
  expect(all[0]!.split("\n")).toEqual([
    "Waiting for a SIG in all SIGs, newest first:",
    '- distro/other#45 "Something odd": no guess. !triage distro/other#45 sig <id>',
    '- distro/bugs#40 "Wifi drops after @\u200bresume": best guess Kernel 40%. !triage distro/bugs#40 sig kernel',
    "- distro/secrets#41 a confidential issue: best guess Cloud 50%. !triage distro/secrets#41 sig cloud",
  ]);
  expect(htmls[0]).toContain('<li><a href="https://gitlab.example.org/distro/other/-/issues/45">distro/other#45</a>');
  expect(all[0]).not.toContain("Secret");
  expect(fake.requests.map((r) => r.path)).not.toContain("/api/v4/projects/3/issues/41");
  expect((await run("queue cloud"))[0]!.split("\n")).toHaveLength(2);
  expect(await run("queue nosuch")).toEqual(['There is no SIG "nosuch"; the SIGs are: kernel, cloud.']);

  // A question closed in GitLab, or answered by a person, leaves the queue.
  await setTriageDecisionOpen(t.db, 9, 45, false);
  await saveTriageCorrection(t.db, {
    projectId: 7,
    issueIid: 40,
    title: "",
    description: "",
    sig: "kernel",
    correctedBy: "bob",
  });
  expect((await run("queue"))[0]!.split("\n")).toHaveLength(2);

  for (let iid = 50; iid < 62; iid++) {
    await saveTriageDecision(t.db, {
      projectId: 3,
      issueIid: iid,
      sig: "cloud",
      confidence: 0.4,
      mode: "ask",
      reasons: [],
      confidential: true,
    });
  }
  expect((await run("queue"))[0]!.split("\n")).toHaveLength(1 + 10);
  await t.db.query("delete from agora_triage_decision");
  expect(await run("queue cloud")).toEqual(["Nothing waits for a person in Cloud."]);
});

it("finds an issue by its project's path through GitLab when the wiring gives no ids", async () => {
  const bare = createCommandRouter();
  // Its own fake: the shared one may hold failures injected by another test.
  const own = await startFakeGitlab({
    token,
    users: [{ id: 9, username: "carol" }],
    projects: [{ id: 11, path_with_namespace: "distro/lonely" }],
  });
  own.addIssue({ project_id: 11, iid: 3, title: "Lonely bug" });
  registerTriageCommands({
    router: bare,
    ctx: {
      gitlab: { url: own.url, token },
      community,
      db: t.db,
      permissions: createPermissions(community),
      logger: { info: () => {}, warn: () => {} },
    },
  });
  const replies: string[] = [];
  await bare.get("triage")!.handle({
    args: ["distro/lonely#3", "sig", "cloud"],
    sender: lead,
    roomId: "!r:example.org",
    eventId: "$e",
    reply: async (body) => void replies.push(body),
  });
  expect(replies[0]).toMatch(/^Routed distro\/lonely#3 to Cloud: added sig::cloud/);
  expect(own.issue(11, 3)!.labels).toEqual(["sig::cloud"]);
  expect(own.requests[0]).toMatchObject({ method: "GET", path: "/api/v4/projects/distro%2Flonely/issues/3" });
  await own.close();
});

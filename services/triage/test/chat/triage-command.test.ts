import { startFakeGitlab, type FakeGitlab } from "@agora/gitlab/testing";
import { findTriageCorrection, findTriageDecision, saveTriageDecision, setTriageDecisionOpen } from "@agora/db";
import { freshDatabase, type TestDatabase } from "@agora/db/testing";
import { createCommandRouter, createPermissions, type CommandRouter } from "@agora/notifier";
import { Community } from "@agora/schemas";
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

beforeAll(async () => {
  fake = await startFakeGitlab({ token, users: [{ id: 8, username: "bob" }, { id: 9, username: "carol" }] });
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
    },
  });
});
afterAll(async () => {
  await t?.drop();
  await fake?.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

async function run(text: string, sender = lead): Promise<string[]> {
  const replies: string[] = [];
  const command = router.get("triage");
  if (!command) throw new Error("triage is not registered");
  await command.handle({
    args: text.split(/\s+/).filter(Boolean),
    sender,
    roomId: "!triage:example.org",
    eventId: "$event",
    reply: async (body) => {
      replies.push(body);
    },
  });
  return replies;
}

const writes = () => fake.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);

it("routes an issue to a SIG from chat, records the correction, and says what it did", async () => {
  fake.addIssue({ project_id: 7, iid: 12, title: "Kernel panic on boot", description: "oops" });
  const replies = await run("distro/bugs#12 sig cloud");
  expect(replies).toEqual(["Routed distro/bugs#12 to Cloud: added sig::cloud and assigned it to carol. The bot will not change it back."]);
  const issue = fake.issue(7, 12)!;
  expect(issue.labels).toEqual(["sig::cloud"]);
  expect(issue.assignees).toEqual([{ id: 9, username: "carol" }]);
  expect(issue.notes[0]).toContain("- set by @\u200bbob:example.org from chat");
  expect(writes()).toEqual(["PUT /api/v4/projects/7/issues/12", "PUT /api/v4/projects/7/issues/12", "POST /api/v4/projects/7/issues/12/notes"]);
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

it("moves a bug from one SIG to another when a lead says so", async () => {
  fake.addIssue({ project_id: 7, iid: 15, labels: ["sig::kernel", "bug"] });
  const [answer] = await run("distro/bugs#15 sig cloud");
  expect(answer).toMatch(/^Routed distro\/bugs#15 to Cloud: added sig::cloud in place of sig::kernel/);
  expect(fake.issue(7, 15)!.labels).toEqual(["bug", "sig::cloud"]);
  const first = fake.requests.find((r) => r.method !== "GET");
  expect(first).toMatchObject({ method: "PUT", body: { remove_labels: "sig::kernel" } });
});

it("asks the reporter for what is missing", async () => {
  fake.addIssue({ project_id: 7, iid: 20 });
  const replies = await run("distro/bugs#20 needs-info the kernel version, the architecture");
  expect(replies).toEqual(["Asked the reporter of distro/bugs#20 for: the kernel version; the architecture (labelled needs-info)."]);
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
  expect(await run("distro/bugs#30 needs-info the version")).toEqual(["GitLab is unreachable right now; try again in a minute."]);
});

it("lists the queue newest first, for one SIG or all, never reading a confidential issue's title", async () => {
  await t.db.query("delete from agora_triage_decision");
  fake.addIssue({ project_id: 7, iid: 40, title: "Wifi drops after @resume" });
  fake.addIssue({ project_id: 3, iid: 41, title: "Secret exploit details", confidential: true });
  await saveTriageDecision(t.db, { projectId: 7, issueIid: 40, sig: "kernel", confidence: 0.4, mode: "ask", reasons: [], confidential: false });
  await saveTriageDecision(t.db, { projectId: 3, issueIid: 41, sig: "cloud", confidence: 0.9, mode: "act", reasons: [], confidential: true });
  await saveTriageDecision(t.db, { projectId: 7, issueIid: 42, sig: "kernel", confidence: 0.8, mode: "act", reasons: [], confidential: false });
  await t.db.query("update agora_triage_decision set decided_at = now() - interval '1 hour' where issue_iid = 40");
  await t.db.query("update agora_triage_decision set decided_at = now() - interval '2 hours' where issue_iid = 42");
  const all = await run("queue");
  expect(all).toEqual([
    [
      "Triage queue for all SIGs, newest first:",
      "- project 3#41 a confidential issue: routed to cloud (90%)",
      "- distro/bugs#40 Wifi drops after @\u200bresume: untriaged, best guess kernel (40%)",
      // Deleted from GitLab since: still listed, without its title.
      "- distro/bugs#42 (title unavailable): routed to kernel (80%)",
    ].join("\n"),
  ]);
  expect(all[0]).not.toContain("Secret");
  expect(fake.requests.map((r) => r.path)).not.toContain("/api/v4/projects/3/issues/41");
  expect(await run("queue cloud")).toEqual(["Triage queue for Cloud, newest first:\n- project 3#41 a confidential issue: routed to cloud (90%)"]);
  expect(await run("queue nosuch")).toEqual(['There is no SIG "nosuch"; the SIGs are: kernel, cloud.']);

  // A decision that kept its title is listed without asking GitLab; a closed question leaves the queue.
  await saveTriageDecision(t.db, { projectId: 9, issueIid: 43, sig: "kernel", confidence: 0.7, mode: "act", reasons: [], confidential: false, title: "Kept title" });
  await saveTriageDecision(t.db, { projectId: 9, issueIid: 44, sig: "kernel", confidence: 0.3, mode: "ask", reasons: [], confidential: false, title: "Closed question" });
  await setTriageDecisionOpen(t.db, 9, 44, false);
  const kernel = (await run("queue kernel"))[0]!;
  expect(kernel).toContain("project 9#43 Kept title: routed to kernel (70%)");
  expect(kernel).not.toContain("Closed question");
  expect(fake.requests.map((r) => r.path)).not.toContain("/api/v4/projects/9/issues/43");

  for (let iid = 50; iid < 62; iid++) {
    await saveTriageDecision(t.db, { projectId: 3, issueIid: iid, sig: "cloud", confidence: 0.9, mode: "act", reasons: [], confidential: true });
  }
  expect((await run("queue"))[0]!.split("\n")).toHaveLength(1 + 10);
  await t.db.query("delete from agora_triage_decision");
  expect(await run("queue cloud")).toEqual(["No triaged or untriaged issues recorded for Cloud."]);
});

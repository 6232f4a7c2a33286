import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@agora/db";
import { dialects, freshDatabase, type TestDatabase } from "@agora/db/testing";
import { startFakeGitlab, type FakeGitlab, type FakeIssue } from "@agora/gitlab/testing";
import type { NotifySend } from "@agora/schemas";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runSweep } from "../../src/cli/sweep-command.ts";
import { reminderMarker } from "../../src/sweeps/plan-sweep.ts";
import { parsePolicies } from "../../src/sweeps/triage-policy.ts";

const token = "glpat-sweep-secret";
const now = new Date("2026-06-30T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

const policies = {
  policies: [
    { name: "untriaged", conditions: { untriaged_for_days: 7 }, actions: ["digest_to_triage_room"] },
    { name: "needs-info", conditions: { needs_info_for_days: 14 }, actions: ["remind", "close"], close_after_days: 7 },
  ],
};

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, output: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

const sigLine =
  "  - { id: cloud, name: Cloud, leads: [{ matrix: '@a:example.org', gitlab: a }], gitlab: { labels: ['sig::cloud'] }, room: '#cloud:example.org' }";

describe("agora triage sweep", () => {
  let fake: FakeGitlab;
  let file: string;
  let config: string;
  let sent: NotifySend[];
  beforeEach(async () => {
    fake = await startFakeGitlab({ token, projects: [{ id: 12, path_with_namespace: "almalinux/cloud" }] });
    const dir = mkdtempSync(join(tmpdir(), "triage-sweep-"));
    file = join(dir, "triage.policies.json");
    writeFileSync(file, JSON.stringify(policies));
    config = join(dir, "community.yaml");
    writeFileSync(config, ["sigs:", sigLine, "matrix: { triage_room: '#triage:example.org' }"].join("\n"));
    sent = [];
    // GitLab's timestamps, which the fake passes through as given.
    const add = (issue: Partial<FakeIssue> & { iid: number }, created: number, updated: number) =>
      Object.assign(fake.addIssue({ project_id: 12, ...issue }), {
        created_at: daysAgo(created),
        updated_at: daysAgo(updated),
      });
    add({ iid: 1, title: "old untriaged" }, 10, 10);
    add({ iid: 2, title: "new untriaged" }, 3, 3);
    add({ iid: 3, title: "routed", labels: ["sig::cloud"] }, 30, 30);
    add({ iid: 4, title: "waiting", labels: ["sig::cloud", "needs-info"], notes: ["which version?"] }, 30, 20);
    add({ iid: 5, title: "reminded", labels: ["needs-info"], notes: [`${reminderMarker}\nping`] }, 40, 8);
    add({ iid: 6, title: "answered", labels: ["needs-info"] }, 30, 2);
    add({ iid: 7, title: "secret", confidential: true }, 9, 9);
    add({ iid: 8, title: "closed long ago", state: "closed" }, 90, 90);
  });
  afterEach(() => fake.close());

  const run = (extra: string[], c = capture(), project = "12") =>
    runSweep(
      ["--url", fake.url, "--project", project, "--policies", file, "--config", config, ...extra],
      c.output,
      { GITLAB_TOKEN: token },
      {
        now: () => now,
        enqueueNotify: async (job) => void sent.push(job),
      },
    );

  it("--dry-run prints the plan and sends GitLab no write", async () => {
    const c = capture();
    expect(await run(["--dry-run"], c)).toBe(0);
    expect(c.out).toEqual([
      "dry run: 4 action(s) would be taken, none were",
      expect.stringMatching(/^digest_to_triage_room 12#1 \[untriaged\]: open 10 days with no SIG label/),
      expect.stringMatching(/^remind 12#4 \[needs-info\]: needs info, no activity for 20 days/),
      expect.stringMatching(/^close 12#5 \[needs-info\]: .* since the reminder/),
      expect.stringMatching(/^digest_to_triage_room 12#7 /),
    ]);
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(fake.requests.filter((r) => r.method !== "GET")).toEqual([]);
    expect(fake.issue(12, 4)!.notes).toHaveLength(1);
    expect(sent).toEqual([]);
  });

  it("takes a project by its path, which GitLab resolves to its id; an unknown path is reported", async () => {
    const c = capture();
    expect(await run(["--dry-run"], c, "almalinux/cloud")).toBe(0);
    expect(c.out[0]).toBe("dry run: 4 action(s) would be taken, none were");
    expect(fake.requests[0]).toMatchObject({ method: "GET", path: "/api/v4/projects/almalinux%2Fcloud" });

    const unknown = capture();
    expect(await run(["--dry-run"], unknown, "almalinux/nowhere")).toBe(1);
    expect(unknown.err).toContain(`GitLab at ${fake.url} knows no project almalinux/nowhere; not swept`);
    const bad = capture();
    expect(await run(["--dry-run"], bad, "not a project")).toBe(2);
    expect(bad.err[0]).toBe(
      "agora triage sweep: --project must be a project id or a path like group/project, not not a project",
    );
  });

  it("names a missing --url instead of printing the usage line alone", async () => {
    const c = capture();
    expect(await runSweep(["--dry-run"], c.output, { GITLAB_TOKEN: token })).toBe(2);
    expect(c.err).toEqual([
      "agora triage sweep: missing --url",
      expect.stringMatching(/^usage: agora triage sweep --url URL /),
    ]);
    expect(fake.requests).toEqual([]);
  });

  it("takes the policies from the community file's triage section when no --policies is given", async () => {
    const community = join(mkdtempSync(join(tmpdir(), "triage-sweep-")), "community.yaml");
    writeFileSync(community, ["sigs:", sigLine, `triage: ${JSON.stringify(policies)}`].join("\n"));
    const c = capture();
    const code = await runSweep(
      ["--url", fake.url, "--project", "12", "--config", community, "--dry-run"],
      c.output,
      { GITLAB_TOKEN: token },
      { now: () => now },
    );
    expect(code, c.err.join("\n")).toBe(0);
    expect(c.out[0]).toBe("dry run: 4 action(s) would be taken, none were");

    writeFileSync(community, `sigs:\n${sigLine}\n`);
    const none = capture();
    expect(
      await runSweep(["--url", fake.url, "--project", "12", "--config", community], none.output, {
        GITLAB_TOKEN: token,
      }),
    ).toBe(2);
    expect(none.err.join("")).toContain("no triage: section");
  });

  it("reminds, closes after the second period, and enqueues one digest for the triage room without describing a confidential issue", async () => {
    const c = capture();
    expect(await run([], c)).toBe(0);

    expect(fake.issue(12, 4)!.notes.at(-1)).toContain(reminderMarker);
    const writes = fake.requests.filter((r) => r.method !== "GET");
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /api/v4/projects/12/issues/4/notes",
      "POST /api/v4/projects/12/issues/5/notes",
      "PUT /api/v4/projects/12/issues/5",
    ]);
    expect(writes[2]!.body).toMatchObject({ state_event: "close" });
    expect(sent).toEqual([
      {
        action: "send",
        room: "#triage:example.org",
        dedupeKey: "triage:sweep-digest:2026-06-30",
        msgtype: "notice",
        body: expect.any(String),
      },
    ]);
    const lines = sent[0]!.body.split("\n");
    expect(lines[0]).toBe("Triage sweep, 2026-06-30: 2 issue(s) waiting for triage:");
    expect(lines[1]).toContain("old untriaged");
    expect(lines[2]).toBe("- a confidential issue: project 12 #7");
    expect(sent[0]!.body).not.toContain("secret");
    expect(c.out).toContain("digest: enqueued for #triage:example.org (triage:sweep-digest:2026-06-30)");
  });

  it("prints the digest when the community file names no triage room", async () => {
    writeFileSync(config, ["sigs:", sigLine].join("\n"));
    const c = capture();
    expect(await run([], c)).toBe(0);
    expect(sent).toEqual([]);
    expect(c.err.join("\n")).toContain("names no matrix.triage_room");
    expect(c.out).toContain("digest: 2 issue(s) waiting for triage:");
  });

  it("waits out a rate limit as long as GitLab's Retry-After says, and then does the action", async () => {
    const c = capture();
    // The listing and the notes of issues 4 and 5 go through; the first write (issue 4's reminder) is rate-limited.
    fake.failNext({ times: 1, status: 429, retryAfterSeconds: 1, after: 3 });
    expect(await run([], c)).toBe(0);
    expect(c.err).toEqual(["GitLab asked to wait 1 s; waiting"]);
    expect(fake.issue(12, 4)!.notes.at(-1)).toContain(reminderMarker);
    expect(fake.issue(12, 4)!.notes).toHaveLength(2);
  });

  it("reports a refused action, carries on with the rest, and exits 1", async () => {
    const c = capture();
    // The listing and the notes of issues 4 and 5 go through; the first write (issue 4's reminder) is refused.
    fake.failNext({ times: 1, status: 403, after: 3 });
    expect(await run([], c)).toBe(1);
    expect(c.err.join("\n")).toMatch(/failed: remind 12#4 .*forbidden \(403\)/);
    expect(fake.requests[3]).toMatchObject({ method: "POST", path: "/api/v4/projects/12/issues/4/notes" });
    expect(fake.requests.some((r) => r.method === "PUT" && r.path === "/api/v4/projects/12/issues/5")).toBe(true);
    expect([...c.out, ...c.err].join("\n")).not.toContain(token);
  });
});

describe("triage policies file", () => {
  it("names each problem by its path", () => {
    const bad = { policies: [{ name: "x", conditions: {}, actions: ["close"] }] };
    expect(() => parsePolicies(JSON.stringify(bad), "p.json")).toThrow(
      /policies\[0\]\.conditions: must set exactly one[\s\S]*policies\[0\]\.close_after_days: is required[\s\S]*policies\[0\]\.actions: close needs remind/,
    );
  });

  it("keeps the defaults for the labels, the projects and the schedule (daily)", () => {
    expect(parsePolicies(JSON.stringify(policies), "p.json")).toMatchObject({
      sig_label_prefix: "sig::",
      needs_info_label: "needs-info",
      projects: [],
      schedule: "0 6 * * *",
    });
  });

  it("takes projects by id or path, and names a bad project or schedule", () => {
    expect(
      parsePolicies(
        JSON.stringify({ ...policies, projects: [12, "almalinux/cloud"], schedule: "30 5 * * 1" }),
        "p.json",
      ),
    ).toMatchObject({
      projects: [12, "almalinux/cloud"],
      schedule: "30 5 * * 1",
    });
    expect(() =>
      parsePolicies(JSON.stringify({ ...policies, projects: ["cloud", -1], schedule: "daily" }), "p.json"),
    ).toThrow(/projects\[0\]: .*group\/project[\s\S]*projects\[1\]: [\s\S]*schedule: must be a cron expression/);
  });
});

describe.each(dialects)("agora triage sweep without --dry-run, into Agora's database on %s", (dialect) => {
  let fake: FakeGitlab;
  let dir: string;
  let postgres: TestDatabase | undefined;
  beforeEach(async () => {
    fake = await startFakeGitlab({ token });
    Object.assign(fake.addIssue({ project_id: 12, iid: 1, title: "old untriaged" }), {
      created_at: daysAgo(10),
      updated_at: daysAgo(10),
    });
    Object.assign(fake.addIssue({ project_id: 12, iid: 2, title: "waiting", labels: ["sig::cloud", "needs-info"] }), {
      created_at: daysAgo(30),
      updated_at: daysAgo(20),
      web_url: "https://gitlab.example.org/almalinux/cloud/-/issues/2",
    });
    dir = mkdtempSync(join(tmpdir(), "triage-sweep-db-"));
    // The SIG wants to hear of its bugs left waiting on needs-info.
    const pinging = sigLine.replace(/ }$/, ", pings: { on: [needs-info] } }");
    writeFileSync(
      join(dir, "community.yaml"),
      ["sigs:", pinging, "matrix: { triage_room: '#triage:example.org' }", `triage: ${JSON.stringify(policies)}`].join(
        "\n",
      ),
    );
    postgres = dialect === "postgres" ? await freshDatabase("postgres") : undefined;
  });
  afterEach(async () => {
    await fake.close();
    await postgres?.drop();
  });

  it("enqueues the digest as a notify job whose dedupe key carries the day, the same on a rerun that day", async () => {
    const env = {
      GITLAB_TOKEN: token,
      ...(postgres ? { DATABASE_URL: postgres.url } : { AGORA_DATA_DIR: join(dir, "data") }),
    };
    const sweep = (day: Date) =>
      runSweep(["--url", fake.url, "--project", "12", "--config", join(dir, "community.yaml")], capture().output, env, {
        now: () => day,
      });
    expect(await sweep(now)).toBe(0);
    expect(await sweep(new Date(now.getTime() + 3600_000))).toBe(0);
    expect(await sweep(new Date(now.getTime() + 86_400_000))).toBe(0);

    const db = postgres?.db ?? (await openDatabase({ dataDir: join(dir, "data") }));
    try {
      const jobs = await db.query<{ data: NotifySend }>(
        "select data from pgboss.job where name = 'notify' order by created_on",
      );
      // The waiting bug: reminded (and its lead pinged) on the first run, closed on the second.
      expect(jobs.map((j) => [j.data.room, j.data.dedupeKey, j.data.mentions])).toEqual([
        ["#triage:example.org", "triage:sweep-digest:2026-06-30", undefined],
        ["#cloud:example.org", "gitlab:issue-note:12:2:needs-info:2026-06-30:cloud", ["@a:example.org"]],
        ["#triage:example.org", "triage:sweep-digest:2026-06-30", undefined],
        ["#triage:example.org", "triage:sweep-digest:2026-07-01", undefined],
      ]);
    } finally {
      if (!postgres) await db.close();
    }
  });
});

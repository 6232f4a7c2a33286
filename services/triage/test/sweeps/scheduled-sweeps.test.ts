import { dialects, freshDatabase, type TestDatabase, waitFor } from "@agora/db/testing";
import { startFakeGitlab, type FakeGitlab } from "@agora/gitlab/testing";
import { createJobQueue, type JobQueue } from "@agora/queue";
import { Community, type NotifySend } from "@agora/schemas";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reminderMarker } from "../../src/sweeps/plan-sweep.ts";
import { startScheduledSweeps } from "../../src/sweeps/scheduled-sweeps.ts";

const token = "glpat-scheduled-sweep";
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const sig = {
  id: "cloud",
  name: "Cloud",
  leads: [{ matrix: "@a:example.org", gitlab: "a" }],
  gitlab: { labels: ["sig::cloud"] },
  room: "#cloud:example.org",
  pings: { who: "leads", on: ["needs-info"] },
};
const triage = {
  projects: ["almalinux/cloud"],
  schedule: "0 6 * * *",
  policies: [
    { name: "untriaged", conditions: { untriaged_for_days: 7 }, actions: ["digest_to_triage_room"] },
    { name: "needs-info", conditions: { needs_info_for_days: 14 }, actions: ["remind"] },
  ],
};
const community = Community.parse({ sigs: [sig], matrix: { triage_room: "#triage:example.org" }, triage });
const silent = { info: () => {}, warn: () => {} };

describe.each(dialects)("scheduled triage sweeps on %s", (dialect) => {
  let t: TestDatabase;
  let fake: FakeGitlab;
  let queues: JobQueue[];
  beforeEach(async () => {
    t = await freshDatabase(dialect);
    fake = await startFakeGitlab({ token, projects: [{ id: 12, path_with_namespace: "almalinux/cloud" }] });
    Object.assign(fake.addIssue({ project_id: 12, iid: 1, title: "old untriaged" }), {
      created_at: daysAgo(10),
      updated_at: daysAgo(10),
    });
    Object.assign(fake.addIssue({ project_id: 12, iid: 2, title: "waiting", labels: ["sig::cloud", "needs-info"] }), {
      created_at: daysAgo(30),
      updated_at: daysAgo(20),
      web_url: "https://gitlab.example.org/almalinux/cloud/-/issues/2",
    });
    // Replicas of the workers role on one database; PGlite is one process's, so it gets one.
    queues = (dialect === "postgres" ? [1, 2] : [1]).map(() =>
      createJobQueue({ db: t.db, schedule: true, cronIntervalSeconds: 1, pollingIntervalSeconds: 0.5 }),
    );
    for (const queue of queues) await queue.start();
  });
  afterEach(async () => {
    for (const queue of queues) await queue.stop({ timeoutMs: 2000 });
    await fake.close();
    await t.drop();
  });

  const notifyJobs = async () =>
    (await t.db.query<{ data: NotifySend }>("select data from pgboss.job where name = 'notify'")).map(
      (row) => row.data,
    );
  const sweepJobs = async () =>
    await t.db.query<{ state: string }>("select state::text as state from pgboss.job where name = 'triage-sweep'");

  it("runs the sweep on its schedule, once however many workers, and posts the digest to the triage room", async () => {
    // The current minute of the day: pg-boss sends an occurrence during the minute after it, and
    // this one comes round again only tomorrow, so every job seen here is this occurrence's.
    if (new Date().getUTCSeconds() > 40)
      await new Promise((resolve) => setTimeout(resolve, (61 - new Date().getUTCSeconds()) * 1000));
    const at = new Date();
    const schedule = `${at.getUTCMinutes()} ${at.getUTCHours()} * * *`;
    const now = Community.parse({ ...community, triage: { ...triage, schedule } });
    for (const queue of queues) {
      expect(
        await startScheduledSweeps({
          queue,
          db: t.db,
          gitlab: { url: fake.url, token },
          community: now,
          logger: silent,
        }),
      ).toEqual({
        on: true,
        note: `1 project(s) swept on "${schedule}" (UTC)`,
      });
    }
    await waitFor(sweepJobs, (jobs) => jobs.some((j) => j.state === "completed"), {
      timeoutMs: 45_000,
      intervalMs: 250,
    });
    // Every worker's cron pass has had time to look at this minute's occurrence again.
    await new Promise((resolve) => setTimeout(resolve, 3000));

    expect(await sweepJobs()).toEqual([{ state: "completed" }]);
    const sent = await notifyJobs();
    expect(sent).toHaveLength(2);
    const digest = sent.find((job) => job.room === "#triage:example.org");
    // The bug left waiting on needs-info pings the SIG's lead in its room.
    expect(sent.find((job) => job.room === "#cloud:example.org")).toMatchObject({
      msgtype: "text",
      mentions: ["@a:example.org"],
      body: expect.stringMatching(
        /^@a:example.org: Cloud: almalinux\/cloud#2 "waiting" has waited 20 days for its reporter's answer \(needs-info\)/,
      ),
    });
    expect(digest).toMatchObject({
      action: "send",
      room: "#triage:example.org",
      dedupeKey: `triage:sweep-digest:${new Date().toISOString().slice(0, 10)}`,
    });
    expect(digest!.body).toContain("old untriaged");
    expect(fake.issue(12, 2)!.notes).toEqual([expect.stringContaining(reminderMarker)]);
    expect(fake.requests.filter((r) => r.path === "/api/v4/projects/almalinux%2Fcloud")).toHaveLength(1);
    // Its own budget: up to 20 s for a fresh minute, then two waits of up to 45 s and 3 s, which
    // the file's 60 s default cut short whenever the minute wait and a busy machine came together.
  }, 150_000);

  it("removes a stored schedule when the community file no longer has a triage section", async () => {
    const queue = queues[0]!;
    // A schedule far from now, so that no sweep runs during the test.
    const yearly = Community.parse({ sigs: [sig], triage: { ...triage, schedule: "0 0 1 1 *" } });
    await startScheduledSweeps({
      queue,
      db: t.db,
      gitlab: { url: fake.url, token },
      community: yearly,
      logger: silent,
    });
    const schedules = () => t.db.query<{ name: string; cron: string }>("select name, cron from pgboss.schedule");
    expect(await schedules()).toEqual([{ name: "triage-sweep", cron: "0 0 1 1 *" }]);

    const without = Community.parse({ sigs: [sig] });
    expect(
      await startScheduledSweeps({
        queue,
        db: t.db,
        gitlab: { url: fake.url, token },
        community: without,
        logger: silent,
      }),
    ).toEqual({
      on: false,
      note: "no scheduled sweeps: no triage: section in the community file",
    });
    expect(await schedules()).toEqual([]);
  });
});

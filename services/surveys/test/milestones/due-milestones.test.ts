import { createLogger } from "@agora/http";
import { dialects } from "@agora/db/testing";
import { describe, expect, it } from "vitest";
import { sendDueMilestones, startSurveyClock } from "../../src/milestones/index.ts";
import { adminHarness, PUBLIC_URL, testSurvey } from "../admin/admin-harness.ts";

describe.each(dialects)("time-window milestones on %s", (dialect) => {
  const h = adminHarness(dialect);
  const keysOf = async (slug: string) =>
    (await h.notifyJobs()).map((j) => j.dedupeKey).filter((k) => k.startsWith(`survey:${slug}:`));

  it("announces a survey when its opens_at passes and when its closes_at passes, each once", async () => {
    const window = { opens_at: "2026-07-01T08:00:00Z", closes_at: "2026-07-08T08:00:00Z" };
    await h.request("POST", "/api/surveys", testSurvey("win", { access: { mode: "open" }, ...window }));
    await h.request("POST", "/api/surveys/win/open");
    const sent = new Set<string>();
    const ctx = { db: h.db, publicUrl: PUBLIC_URL, sent };
    const at = (iso: string) => sendDueMilestones({ ctx, input: { now: new Date(iso) } });

    expect(await at("2026-07-01T07:59:59Z")).toEqual([]);
    expect(await at("2026-07-01T08:00:00Z")).toEqual(["survey:win:opened"]);
    expect(await at("2026-07-01T08:01:00Z")).toEqual([]);
    expect(await keysOf("win")).toEqual(["survey:win:opened"]);

    expect(await at("2026-07-08T08:00:00Z")).toEqual(["survey:win:closed:0"]);
    expect(await at("2026-07-08T08:01:00Z")).toEqual([]);
    // A restarted process has forgotten what it sent: the queue still keeps one job per milestone.
    const fresh = { ...ctx, sent: new Set<string>() };
    expect(await sendDueMilestones({ ctx: fresh, input: { now: new Date("2026-07-08T09:00:00Z") } })).toEqual([]);
    expect(await keysOf("win")).toEqual(["survey:win:opened", "survey:win:closed:0"]);
  });

  it("leaves drafts, closed surveys and surveys without milestones alone", async () => {
    await h.request("POST", "/api/surveys", testSurvey("win-draft", { opens_at: "2026-07-01T08:00:00Z" }));
    await h.request("POST", "/api/surveys", testSurvey("win-closed", { closes_at: "2026-07-08T08:00:00Z" }));
    await h.request("POST", "/api/surveys/win-closed/open");
    await h.request("POST", "/api/surveys/win-closed/close");
    const quiet = testSurvey("win-quiet", { opens_at: "2026-07-01T08:00:00Z" });
    delete quiet.milestones;
    await h.request("POST", "/api/surveys", quiet);
    await h.request("POST", "/api/surveys/win-quiet/open");
    const before = await h.notifyJobs();
    await sendDueMilestones({
      ctx: { db: h.db, publicUrl: PUBLIC_URL },
      input: { now: new Date("2026-07-09T00:00:00Z") },
    });
    const added = (await h.notifyJobs()).filter((j) => !before.some((b) => b.id === j.id)).map((j) => j.dedupeKey);
    expect(added.filter((k) => /win-(draft|closed|quiet)/.test(k))).toEqual([]);
  });

  it("runs on a clock that checks at start and every interval, and stops", async () => {
    await h.request(
      "POST",
      "/api/surveys",
      testSurvey("win-clock", { opens_at: "2026-07-01T08:00:00Z", closes_at: "2026-07-02T08:00:00Z" }),
    );
    await h.request("POST", "/api/surveys/win-clock/open");
    let now = new Date("2026-07-01T09:00:00Z");
    const clock = startSurveyClock({
      db: h.db,
      publicUrl: PUBLIC_URL,
      logger: createLogger({ level: "silent" }),
      intervalMs: 50,
      now: () => now,
    });
    try {
      await expect.poll(() => keysOf("win-clock"), { timeout: 10_000 }).toEqual(["survey:win-clock:opened"]);
      now = new Date("2026-07-02T09:00:00Z");
      await expect
        .poll(() => keysOf("win-clock"), { timeout: 10_000 })
        .toEqual(["survey:win-clock:opened", "survey:win-clock:closed:0"]);
    } finally {
      await clock.stop();
    }
  });
});

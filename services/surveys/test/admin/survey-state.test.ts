import { dialects } from "@agora/db/testing";
import { describe, expect, it } from "vitest";
import { milestoneJobId, sendDueMilestones } from "../../src/milestones/index.ts";
import { submitAnswer } from "../../src/verbs/submit-answer.ts";
import { adminHarness, form, PUBLIC_URL, testSurvey } from "./admin-harness.ts";

describe.each(dialects)("admin API: opening and closing on %s", (dialect) => {
  const h = adminHarness(dialect);
  const jobsOf = async (slug: string) =>
    (await h.notifyJobs()).filter((j) => j.dedupeKey.startsWith(`survey:${slug}:`));

  it("opens once and closes once, each with its milestone in the queue", async () => {
    await h.request("POST", "/api/surveys", testSurvey("st", { access: { mode: "open" } }));
    const opened = await h.request("POST", "/api/surveys/st/open");
    expect(opened.status).toBe(200);
    expect(await opened.json()).toEqual({ slug: "st", state: "open", changed: true });
    expect(await (await h.request("POST", "/api/surveys/st/open")).json()).toEqual({
      slug: "st",
      state: "open",
      changed: false,
    });
    expect(await jobsOf("st")).toEqual([
      {
        id: milestoneJobId("survey:st:opened"),
        dedupeKey: "survey:st:opened",
        body: `The survey “Survey st” is open: ${PUBLIC_URL}/s/st`,
      },
    ]);

    const ctx = { db: h.db, now: () => h.clock.now };
    for (let i = 0; i < 2; i++)
      await submitAnswer({ ctx, input: { slug: "st", form: form({ "q.score": "5" }), ticket: { kind: "none" } } });

    expect(await (await h.request("POST", "/api/surveys/st/close")).json()).toEqual({
      slug: "st",
      state: "closed",
      changed: true,
    });
    expect(await (await h.request("POST", "/api/surveys/st/close")).json()).toEqual({
      slug: "st",
      state: "closed",
      changed: false,
    });
    const jobs = await jobsOf("st");
    expect(jobs.map((j) => j.dedupeKey)).toEqual(["survey:st:opened", "survey:st:closed:2"]);
    expect(jobs[1]!.body).toBe(`The survey “Survey st” is closed with 2 answers. Results: ${PUBLIC_URL}/s/st/results`);
    expect(await submitAnswer({ ctx, input: { slug: "st", form: form({}), ticket: { kind: "none" } } })).toEqual({
      ok: false,
      reason: "closed",
    });

    // Reopened and closed again with the same count: the same two milestones, not two more.
    await h.request("POST", "/api/surveys/st/open");
    await h.request("POST", "/api/surveys/st/close");
    expect((await jobsOf("st")).map((j) => j.dedupeKey)).toEqual(["survey:st:opened", "survey:st:closed:2"]);
  });

  it("sends the every-N milestone from the clock at N answers and its multiples only, never from the answer itself", async () => {
    await h.request("POST", "/api/surveys", testSurvey("st-every", { access: { mode: "open" } }));
    await h.request("POST", "/api/surveys/st-every/open");
    const ctx = { db: h.db, now: () => h.clock.now };
    const clock = { db: h.db, publicUrl: PUBLIC_URL, sent: new Set<string>() };
    const answerKeys = async () =>
      (await jobsOf("st-every")).map((j) => j.dedupeKey).filter((k) => k.includes(":answers:"));
    const keys = [];
    for (let i = 1; i <= 7; i++) {
      await submitAnswer({
        ctx,
        input: { slug: "st-every", form: form({ "q.score": "8" }), ticket: { kind: "none" } },
      });
      // Nothing is enqueued with the answer: a job made in its transaction would date it to the second.
      expect(await answerKeys()).toEqual(keys.at(-1) ?? []);
      await sendDueMilestones({ ctx: clock, input: { now: h.clock.now } });
      keys.push(await answerKeys());
    }
    expect(keys[1]).toEqual([]);
    expect(keys[2]).toEqual(["survey:st-every:answers:3"]);
    expect(keys[6]).toEqual(["survey:st-every:answers:3", "survey:st-every:answers:6"]);
  });

  it("leaves the opened milestone of a survey whose window lies ahead to the clock", async () => {
    await h.request("POST", "/api/surveys", testSurvey("st-later", { opens_at: "2026-07-01T00:00:00Z" }));
    expect(await (await h.request("POST", "/api/surveys/st-later/open")).json()).toMatchObject({
      state: "open",
      changed: true,
    });
    expect(await (await h.request("GET", "/api/surveys/st-later")).json()).toMatchObject({
      state: "open",
      availability: "not-yet",
    });
    expect(await jobsOf("st-later")).toEqual([]);
  });

  it("sends nothing for a survey without milestones, and 404s an unknown one", async () => {
    const quiet = testSurvey("st-quiet");
    delete quiet.milestones;
    await h.request("POST", "/api/surveys", quiet);
    await h.request("POST", "/api/surveys/st-quiet/open");
    await h.request("POST", "/api/surveys/st-quiet/close");
    expect(await jobsOf("st-quiet")).toEqual([]);
    expect((await h.request("POST", "/api/surveys/nope/open")).status).toBe(404);
    expect((await h.request("POST", "/api/surveys/nope/close")).status).toBe(404);
  });
});

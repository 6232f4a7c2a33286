import { dialects } from "@agora/db/testing";
import { describe, expect, it } from "vitest";
import { submitAnswer } from "../../src/verbs/submit-answer.ts";
import { adminHarness, form, testSurvey } from "../admin/admin-harness.ts";

describe.each(dialects)("invite tokens under concurrent submits on %s", (dialect) => {
  const h = adminHarness(dialect);
  const ctx = () => ({ db: h.db, now: () => h.clock.now });
  const count = async (slug: string) => {
    const [responses] = await h.db.query<{ n: number }>(
      "select count(*)::int as n from agora_survey_response where survey_slug = $1",
      [slug],
    );
    const [invites] = await h.db.query<{ n: number }>(
      "select count(*)::int as n from agora_survey_invite where survey_slug = $1",
      [slug],
    );
    const [survey] = await h.db.query<{ answer_count: number }>(
      "select answer_count from agora_survey where slug = $1",
      [slug],
    );
    return { responses: responses!.n, invites: invites!.n, answerCount: survey!.answer_count };
  };
  async function inviteSurvey(slug: string, tokens: number): Promise<string[]> {
    await h.request(
      "POST",
      "/api/surveys",
      testSurvey(slug, { milestones: { room: "#surveys:example.org", every: 1 } }),
    );
    await h.request("POST", `/api/surveys/${slug}/open`);
    const res = await h.request("POST", `/api/surveys/${slug}/invites`, { count: tokens });
    return (await res.json()).invites.map((i: { token: string }) => i.token);
  }

  it("stores one answer and spends the token once when 20 submits race with one token", async () => {
    const [token, other] = await inviteSurvey("race-one", 2);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        submitAnswer({
          ctx: ctx(),
          input: {
            slug: "race-one",
            form: form({ "q.score": String(i % 11) }),
            ticket: { kind: "invite", token: token! },
          },
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(
      Array.from({ length: 19 }, () => ({ ok: false, reason: "ticket-spent" })),
    );
    expect(await count("race-one")).toEqual({ responses: 1, invites: 1, answerCount: 1 });
    // The other token is untouched.
    expect(
      await submitAnswer({
        ctx: ctx(),
        input: { slug: "race-one", form: form({}), ticket: { kind: "invite", token: other! } },
      }),
    ).toMatchObject({ ok: true });
  });

  it("stores every answer when 20 different tokens are submitted at once", async () => {
    const tokens = await inviteSurvey("race-many", 20);
    const results = await Promise.all(
      tokens.map((token) =>
        submitAnswer({
          ctx: ctx(),
          input: { slug: "race-many", form: form({ "q.usage": "home" }), ticket: { kind: "invite", token } },
        }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.map((r) => (r.ok ? r.answerCount : 0)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(await count("race-many")).toEqual({ responses: 20, invites: 0, answerCount: 20 });
  });
});

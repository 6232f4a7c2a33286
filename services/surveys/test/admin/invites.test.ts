import { createHash } from "node:crypto";
import { dialects } from "@agora/db/testing";
import { describe, expect, it } from "vitest";
import { submitAnswer } from "../../src/verbs/submit-answer.ts";
import { admin, adminHarness, form, PUBLIC_URL, testSurvey } from "./admin-harness.ts";

describe.each(dialects)("admin API: invite tokens on %s", (dialect) => {
  const h = adminHarness(dialect);
  const submit = (slug: string, token: string) =>
    submitAnswer({
      ctx: { db: h.db, now: () => h.clock.now },
      input: { slug, form: form({ "q.score": "7" }), ticket: { kind: "invite", token } },
    });

  it("returns n fresh tokens with links once, stores only their hashes, and each is usable once", async () => {
    await h.request("POST", "/api/surveys", testSurvey("inv"));
    const res = await h.request("POST", "/api/surveys/inv/invites", { count: 5 });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body).toMatchObject({ slug: "inv", mode: "invite" });
    const tokens: string[] = body.invites.map((i: { token: string }) => i.token);
    expect(tokens).toHaveLength(5);
    expect(new Set(tokens).size).toBe(5);
    for (const invite of body.invites) {
      expect(invite.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 bytes: 256 bits
      expect(invite.link).toBe(`${PUBLIC_URL}/s/inv?token=${invite.token}`);
    }
    const stored = await h.db.query<{ token_sha256: string }>(
      "select token_sha256 from agora_survey_invite where survey_slug = 'inv'",
    );
    expect(stored.map((r) => r.token_sha256).sort()).toEqual(
      tokens.map((t) => createHash("sha256").update(t).digest("hex")).sort(),
    );
    expect(JSON.stringify(await h.db.query("select * from agora_survey_invite"))).not.toContain(tokens[0]);
    expect(await (await h.request("GET", "/api/surveys/inv")).json()).toMatchObject({ inviteCount: 5 });

    await h.request("POST", "/api/surveys/inv/open");
    expect(await submit("inv", tokens[0]!)).toMatchObject({ ok: true });
    expect(await submit("inv", tokens[0]!)).toEqual({ ok: false, reason: "ticket-spent" });
    expect(await submit("inv", "made-up-token")).toEqual({ ok: false, reason: "ticket-spent" });
    expect(await submit("inv", tokens[1]!)).toMatchObject({ ok: true });
    expect(await (await h.request("GET", "/api/surveys/inv")).json()).toMatchObject({ inviteCount: 3, answerCount: 2 });
  });

  it("makes tokens for a blind survey, whose credential they are", async () => {
    await h.request("POST", "/api/surveys", testSurvey("inv-blind", { access: { mode: "blind" } }));
    const res = await h.request("POST", "/api/surveys/inv-blind/invites", { count: 2 });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ mode: "blind", invites: [expect.anything(), expect.anything()] });
  });

  it("refuses an open survey with 409, and a count outside 1..10000 with 400 naming count", async () => {
    await h.request("POST", "/api/surveys", testSurvey("inv-open", { access: { mode: "open" } }));
    const open = await h.request("POST", "/api/surveys/inv-open/invites", { count: 1 });
    expect(open.status).toBe(409);
    expect((await open.json()).error.message).toContain("takes no invites");
    for (const body of [{ count: 0 }, { count: 10_001 }, { count: 2.5 }, { count: "3" }, {}]) {
      const res = await h.request("POST", "/api/surveys/inv/invites", body);
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toMatch(/^body\.count: /);
    }
    expect((await h.request("POST", "/api/surveys/nowhere/invites", { count: 1 })).status).toBe(404);
  });

  it("treats a stored definition that no longer parses as no survey, not as an open one", async () => {
    await h.request("POST", "/api/surveys", testSurvey("inv-stale"));
    await h.db.query(`update agora_survey set definition = '{"access": {"mode": "invite"}}' where slug = 'inv-stale'`);
    const res = await h.request("POST", "/api/surveys/inv-stale/invites", { count: 1 });
    expect(res.status).toBe(404);
    expect(await h.db.query("select 1 from agora_survey_invite where survey_slug = 'inv-stale'")).toEqual([]);
  });

  it("refuses a body that is not JSON with 415 saying what to send", async () => {
    for (const headers of [admin, { ...admin, "content-type": "text/plain" }]) {
      const res = await h.request("POST", "/api/surveys/inv/invites", JSON.stringify({ count: 1 }), headers);
      expect(res.status).toBe(415);
      expect((await res.json()).error).toMatchObject({
        code: "unsupported_media_type",
        message: "body: send JSON with Content-Type: application/json",
      });
    }
  });

  it("makes the largest batch in one request", async () => {
    await h.request("POST", "/api/surveys", testSurvey("inv-many"));
    const res = await h.request("POST", "/api/surveys/inv-many/invites", { count: 10_000 });
    expect(res.status).toBe(201);
    expect((await res.json()).invites).toHaveLength(10_000);
    expect(await (await h.request("GET", "/api/surveys/inv-many")).json()).toMatchObject({ inviteCount: 10_000 });
  });
});

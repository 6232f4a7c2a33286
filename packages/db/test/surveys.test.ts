import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addInvites,
  countInvites,
  getSurvey,
  insertSurvey,
  listResponses,
  setSurveyState,
  storeResponse,
  type NewResponse,
} from "../src/index.ts";
import { dialects, freshDatabase, type TestDatabase } from "../src/testing.ts";

describe.each(dialects)("survey storage on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(dialect);
  });
  afterAll(() => t.drop());

  const answer = (slug: string, ticket: NewResponse["ticket"]): NewResponse => ({
    slug,
    answers: { q1: "a" },
    texts: {},
    day: "2026-11-25",
    ticket,
  });

  it("stores answers only while the survey is open, and counts them", async () => {
    expect(await insertSurvey(t.db, { slug: "states", definition: { title: "T" } })).toBe(true);
    expect(await insertSurvey(t.db, { slug: "states", definition: {} })).toBe(false);
    expect(await storeResponse(t.db, answer("states", { kind: "none" }))).toEqual({
      stored: false,
      reason: "not-open",
    });
    expect(await setSurveyState(t.db, "states", "open")).toBe("draft");
    expect(await storeResponse(t.db, answer("states", { kind: "none" }))).toEqual({ stored: true, answerCount: 1 });
    expect(await storeResponse(t.db, answer("states", { kind: "none" }))).toEqual({ stored: true, answerCount: 2 });
    expect(await setSurveyState(t.db, "states", "closed")).toBe("open");
    expect((await getSurvey(t.db, "states"))?.answerCount).toBe(2);
    const rows = await listResponses(t.db, "states");
    expect(rows.map((r) => r.day)).toEqual(["2026-11-25", "2026-11-25"]);
    expect(rows[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("spends an invite once even when its submits race, and keeps it when the survey is closed", async () => {
    await insertSurvey(t.db, { slug: "invites", definition: {}, state: "closed" });
    await addInvites(t.db, "invites", ["h1", "h2"]);
    expect(await storeResponse(t.db, answer("invites", { kind: "invite", tokenSha256: "h1" }))).toEqual({
      stored: false,
      reason: "not-open",
    });
    expect(await countInvites(t.db, "invites")).toBe(2);

    await setSurveyState(t.db, "invites", "open");
    const results = await Promise.all(
      Array.from({ length: 8 }, () => storeResponse(t.db, answer("invites", { kind: "invite", tokenSha256: "h1" }))),
    );
    expect(results.filter((r) => r.stored)).toHaveLength(1);
    expect(results.filter((r) => !r.stored)).toEqual(Array(7).fill({ stored: false, reason: "ticket-spent" }));
    expect(await listResponses(t.db, "invites")).toHaveLength(1);
    expect(await countInvites(t.db, "invites")).toBe(1);
    expect(await storeResponse(t.db, answer("invites", { kind: "invite", tokenSha256: "unknown" }))).toMatchObject({
      stored: false,
    });
  });

  it("refuses a blind token the second time", async () => {
    await insertSurvey(t.db, { slug: "blind", definition: {}, state: "open" });
    expect(await storeResponse(t.db, answer("blind", { kind: "blind", tokenSha256: "t1" }))).toMatchObject({
      stored: true,
    });
    expect(await storeResponse(t.db, answer("blind", { kind: "blind", tokenSha256: "t1" }))).toEqual({
      stored: false,
      reason: "ticket-spent",
    });
  });
});

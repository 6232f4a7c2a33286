import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  saveTriageCorrection,
  saveTriageDecision,
  triageAccuracy,
  type Sql,
  type TriageDecisionRecord,
} from "../src/index.ts";
import { dialects, freshDatabase, type TestDatabase } from "../src/testing.ts";

const DAY = 24 * 3600 * 1000;
const monthAgo = () => new Date(Date.now() - 30 * DAY);

let nextIid = 1;
async function decide(db: Sql, d: Partial<TriageDecisionRecord>): Promise<number> {
  const issueIid = nextIid++;
  await saveTriageDecision(db, {
    projectId: 7,
    issueIid,
    sig: "cloud",
    confidence: 0.9,
    mode: "act",
    reasons: [],
    confidential: false,
    ...d,
  });
  return issueIid;
}
const correct = (db: Sql, issueIid: number, sig: string | null, by = "ann") =>
  saveTriageCorrection(db, { projectId: 7, issueIid, title: "t", description: "", sig, correctedBy: by });
/** What `!triage <issue> sig <id>` writes: the correction, then the person's choice over the decision. */
async function moveFromChat(db: Sql, issueIid: number, sig: string) {
  await correct(db, issueIid, sig, "@lead:example.org");
  await saveTriageDecision(db, {
    projectId: 7,
    issueIid,
    sig,
    confidence: 1,
    mode: "act",
    reasons: ["set by @lead:example.org from chat"],
    confidential: false,
  });
}

describe.each(dialects)("triage accuracy on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(dialect);
    const db = t.db;
    for (let i = 0; i < 5; i++) await decide(db, {});
    await correct(db, await decide(db, {}), "kernel"); // moved by a label change
    await moveFromChat(db, await decide(db, {}), "kernel"); // moved from chat: the bot's choice is kept on the correction
    await correct(db, await decide(db, {}), null); // SIG label taken off
    await correct(db, await decide(db, {}), "cloud"); // another label of the same SIG: not a correction of the SIG
    const chatTwice = await decide(db, {});
    await moveFromChat(db, chatTwice, "kernel");
    await moveFromChat(db, chatTwice, "core"); // the second correction keeps the bot's choice, cloud

    await correct(db, await decide(db, { sig: "kernel", mode: "ask" }), "kernel");
    await moveFromChat(db, await decide(db, { sig: "kernel", mode: "ask" }), "cloud");
    await decide(db, { sig: "kernel", mode: "ask" });
    await correct(db, await decide(db, { sig: "", mode: "ask" }), "cloud"); // no guess at all

    await moveFromChat(db, nextIid++, "cloud"); // routed by a person before the bot decided: counts nowhere
    await decide(db, { confidential: true });
    await correct(db, await decide(db, { confidential: true }), "kernel");
    const old = await decide(db, {});
    await db.query("update agora_triage_decision set decided_at = now() - interval '31 days' where issue_iid = $1", [
      old,
    ]);
    await correct(db, old, "kernel");
  });
  afterAll(() => t.drop());

  it("counts per SIG the bot chose, what it did alone, and what people changed", async () => {
    const { overall, bySig } = await triageAccuracy(t.db, { since: monthAgo() });
    expect(bySig).toEqual([
      {
        sig: "",
        decisions: 1,
        acted: 0,
        corrected: 0,
        asked: 1,
        placed: 1,
        placedAsSuggested: 0,
        precision: null,
        coverage: 0,
      },
      {
        sig: "cloud",
        decisions: 10,
        acted: 10,
        corrected: 4,
        asked: 0,
        placed: 0,
        placedAsSuggested: 0,
        precision: 0.6,
        coverage: 1,
      },
      {
        sig: "kernel",
        decisions: 3,
        acted: 0,
        corrected: 0,
        asked: 3,
        placed: 2,
        placedAsSuggested: 1,
        precision: null,
        coverage: 0,
      },
    ]);
    expect(overall).toEqual({
      decisions: 14,
      acted: 10,
      corrected: 4,
      asked: 4,
      placed: 3,
      placedAsSuggested: 1,
      precision: 0.6,
      coverage: 10 / 14,
    });
  });

  it("gives zeros and no ratios for a window nothing was decided in", async () => {
    expect(await triageAccuracy(t.db, { since: new Date(Date.now() + DAY) })).toEqual({
      overall: {
        decisions: 0,
        acted: 0,
        corrected: 0,
        asked: 0,
        placed: 0,
        placedAsSuggested: 0,
        precision: null,
        coverage: null,
      },
      bySig: [],
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, saveTriageCorrection, saveTriageDecision } from "../src/index.ts";
import { migrations } from "../src/migrations/index.ts";
import { openPglite } from "../src/pglite.ts";
import { dialects, freshDatabase, type TestDatabase } from "../src/testing.ts";

describe.each(dialects)("a triage correction on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(dialect);
  });
  afterAll(() => t.drop());

  const correct = (issueIid: number, sig: string) =>
    saveTriageCorrection(t.db, {
      projectId: 7,
      issueIid,
      title: "t",
      description: "",
      sig,
      correctedBy: "@lead:example.org",
    });
  const decide = (issueIid: number, sig: string, mode: "act" | "ask") =>
    saveTriageDecision(t.db, { projectId: 7, issueIid, sig, confidence: 0.5, mode, reasons: [], confidential: false });
  const botDecision = async (issueIid: number) =>
    (
      await t.db.query<{ bot_sig: string | null; bot_mode: string | null }>(
        "select bot_sig, bot_mode from agora_triage_correction where project_id = 7 and issue_iid = $1",
        [issueIid],
      )
    )[0];

  it("keeps what the bot had decided, through chat replacing the decision and a second correction", async () => {
    await decide(1, "cloud", "ask");
    await correct(1, "kernel");
    await decide(1, "kernel", "act"); // what chat writes for the person
    await correct(1, "core");
    expect(await botDecision(1)).toEqual({ bot_sig: "cloud", bot_mode: "ask" });
  });

  it("keeps nothing when a person routed the issue before the bot decided", async () => {
    await correct(2, "kernel");
    expect(await botDecision(2)).toEqual({ bot_sig: null, bot_mode: null });
  });
});

describe("0010-triage-correction-bot-decision on a database of the release before it", () => {
  it("keeps the bot's decision of older corrections, but not a decision chat wrote for the person", async () => {
    const db = await openPglite();
    try {
      const index = migrations.findIndex((step) => step.id === "0010-triage-correction-bot-decision");
      await migrate(db, migrations.slice(0, index));
      const insertCorrection = (iid: number, sig: string) =>
        db.query(
          "insert into agora_triage_correction (project_id, issue_iid, title, description, sig, corrected_by) values (7, $1, 't', '', $2, 'ann')",
          [iid, sig],
        );
      const insertDecision = (iid: number, sig: string) =>
        db.query(
          "insert into agora_triage_decision (project_id, issue_iid, sig, confidence, mode, confidential) values (7, $1, $2, 0.9, 'act', false)",
          [iid, sig],
        );
      await insertDecision(1, "cloud"); // the bot's, then a person's label change
      await db.query("select pg_sleep(0.01)");
      await insertCorrection(1, "kernel");
      await insertCorrection(2, "kernel"); // chat: the correction, then the person's decision
      await db.query("select pg_sleep(0.01)");
      await insertDecision(2, "kernel");
      await migrate(db);
      const rows = await db.query<{ issue_iid: number; bot_sig: string | null; bot_mode: string | null }>(
        "select issue_iid::int, bot_sig, bot_mode from agora_triage_correction order by issue_iid",
      );
      expect(rows).toEqual([
        { issue_iid: 1, bot_sig: "cloud", bot_mode: "act" },
        { issue_iid: 2, bot_sig: null, bot_mode: null },
      ]);
    } finally {
      await db.close();
    }
  });
});

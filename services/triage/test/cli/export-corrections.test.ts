import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { saveTriageCorrection, saveTriageDecision } from "@agora/db";
import { dialects, freshDatabase, type TestDatabase } from "@agora/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseModel } from "../../src/classifier/model-file.ts";
import { syntheticReports } from "../../src/classifier/synthetic-reports.ts";
import { parseJsonl } from "../../src/classifier/training-data.ts";
import { runExportCorrections } from "../../src/cli/export-corrections-command.ts";
import { runTrain } from "../../src/cli/train-command.ts";
import { exampleSigs } from "../classifier/example-sigs.ts";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, output: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

const decision = { sig: "core", confidence: 0.9, mode: "act" as const, reasons: [] };

describe.each(dialects)("agora triage export-corrections on %s", (dialect) => {
  let t: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), "triage-corrections-"));
  beforeEach(async () => {
    t = await freshDatabase(dialect);
  });
  afterEach(() => t.drop());

  it("writes each SIG a person chose as a training line, oldest first, and nothing else", async () => {
    await saveTriageCorrection(t.db, {
      projectId: 1,
      issueIid: 1,
      title: "cloud-init hangs on EC2",
      description: "at boot",
      sig: "cloud",
      correctedBy: "priya",
    });
    // Removing the label teaches no SIG.
    await saveTriageCorrection(t.db, {
      projectId: 1,
      issueIid: 2,
      title: "odd one",
      description: "",
      sig: null,
      correctedBy: "alex",
    });
    // The bot knew this one as confidential: its text never leaves the database.
    await saveTriageDecision(t.db, { projectId: 1, issueIid: 3, ...decision, confidential: true });
    await saveTriageCorrection(t.db, {
      projectId: 1,
      issueIid: 3,
      title: "secret crash",
      description: "token=…",
      sig: "core",
      correctedBy: "alex",
    });
    await saveTriageDecision(t.db, { projectId: 2, issueIid: 4, ...decision, confidential: false });
    await saveTriageCorrection(t.db, {
      projectId: 2,
      issueIid: 4,
      title: "dnf conflict",
      description: "glibc",
      sig: "core",
      correctedBy: "sam",
    });

    const file = join(dir, `${dialect}.jsonl`);
    const c = capture();
    expect(await runExportCorrections(["--output", file], c.output, {}, { db: t.db })).toBe(0);
    expect(c.out).toEqual([`2 correction(s) → ${file}`]);
    expect(parseJsonl(readFileSync(file, "utf8"), file)).toEqual([
      { title: "cloud-init hangs on EC2", description: "at boot", sig: "cloud" },
      { title: "dnf conflict", description: "glibc", sig: "core" },
    ]);
  });

  it("appended to the history, the corrections train a model with `agora triage train`", async () => {
    await saveTriageCorrection(t.db, {
      projectId: 1,
      issueIid: 1,
      title: "cloud-init hangs on EC2",
      description: "at boot",
      sig: "cloud",
      correctedBy: "priya",
    });
    const corrections = join(dir, `${dialect}-c.jsonl`);
    expect(await runExportCorrections(["--output", corrections], capture().output, {}, { db: t.db })).toBe(0);
    const history =
      syntheticReports(exampleSigs(), 300, 5)
        .map((r) => JSON.stringify(r))
        .join("\n") + "\n";
    const both = join(dir, `${dialect}-both.jsonl`);
    writeFileSync(both, history + readFileSync(corrections, "utf8"));
    const c = capture();
    expect(runTrain(["--input", both, "--out", join(dir, `${dialect}-model.json`)], c.output)).toBe(0);
    expect(c.out[0]).toMatch(/trained linear-svm on 301 bugs/);
    expect(parseModel(readFileSync(join(dir, `${dialect}-model.json`), "utf8")).labels).toContain("cloud");
  });

  it("checks the environment as every role does, naming a bad value in one line", async () => {
    const c = capture();
    expect(
      await runExportCorrections(["--output", join(dir, "never.jsonl")], c.output, {
        DATABASE_URL: "mysql://u:hunter2@db/x",
      }),
    ).toBe(1);
    expect(c.err).toEqual([
      "invalid environment variable DATABASE_URL: must be a PostgreSQL URL starting with postgres:// or postgresql://",
    ]);
  });

  it("without --output names it, prints the usage and exits 2", async () => {
    const c = capture();
    expect(await runExportCorrections([], c.output, {}, { db: t.db })).toBe(2);
    expect(c.err).toEqual([
      "agora triage export-corrections: missing --output",
      "usage: agora triage export-corrections --output corrections.jsonl",
    ]);
  });
});

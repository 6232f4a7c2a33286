import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { parseCommunity } from "@agora/config";
import { syntheticReports } from "@agora/triage";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../../../", import.meta.url).pathname;
const agora = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, "apps/agora/src/main.ts"), ...args], { cwd: root, encoding: "utf8", env: { PATH: process.env.PATH } });

describe("agora command", () => {
  it("check-config accepts the example file", () => {
    const run = agora("check-config", "config/community.example.yaml");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("is valid: 8 SIGs");
  });

  it("check-config lists every problem with its path and exits 1", () => {
    const dir = mkdtempSync(join(tmpdir(), "agora-cli-"));
    const file = join(dir, "community.yaml");
    writeFileSync(file, "sigs:\n  - id: Core\n    name: Core\n    leads: []\n    room: nowhere\n");
    const run = agora("check-config", file);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("sigs[0].id");
    expect(run.stderr).toContain("sigs[0].room");
  });

  it("check-surveys accepts the example survey and names a broken one's problems with their lines", () => {
    const good = agora("check-surveys", "config/surveys");
    expect(good.status).toBe(0);
    expect(good.stdout).toContain("example.yaml is valid: /s/example, 11 questions, open");
    const dir = mkdtempSync(join(tmpdir(), "agora-cli-"));
    writeFileSync(join(dir, "broken.yaml"), "slug: ok\ntitle: T\nquestions:\n  - { id: q, type: stars, title: Q }\n");
    const bad = agora("check-surveys", dir);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("questions[0].type");
    expect(bad.stderr).toContain("(line 4)");
  });

  it("refuses to start on a bad environment, naming it", () => {
    const run = spawnSync(process.execPath, [join(root, "apps/agora/src/main.ts"), "start"], {
      cwd: root,
      encoding: "utf8",
      env: { PATH: process.env.PATH, PORT: "99999" },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("PORT");
  });

  it("triage train and eval learn from JSONL files and report the figures", () => {
    const dir = mkdtempSync(join(tmpdir(), "agora-cli-triage-"));
    const community = parseCommunity(readFileSync(join(root, "config/community.example.yaml"), "utf8"), "example");
    if (!community.ok) throw new Error(community.problems.join("\n"));
    const jsonl = (seed: number, count: number) =>
      syntheticReports(community.community.sigs, count, seed)
        .map((r) => JSON.stringify(r))
        .join("\n");
    writeFileSync(join(dir, "train.jsonl"), jsonl(1, 800));
    writeFileSync(join(dir, "test.jsonl"), jsonl(2, 200));
    const train = agora("triage", "train", "--input", join(dir, "train.jsonl"), "--out", join(dir, "model.json"));
    expect(train.status, train.stderr).toBe(0);
    expect(readFileSync(join(dir, "model.json"), "utf8")).toContain("agora-triage-linear/1");
    const evaluation = agora("triage", "eval", "--train", join(dir, "train.jsonl"), "--test", join(dir, "test.jsonl"), "--threshold", "0.6");
    expect(evaluation.status, evaluation.stderr).toBe(0);
    expect(evaluation.stdout).toMatch(/accuracy/i);
    expect(evaluation.stdout).toMatch(/macro-F1/i);
  });

  it("triage names a bad training line and exits 1, an unknown subcommand exits 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "agora-cli-triage-"));
    writeFileSync(join(dir, "bad.jsonl"), '{"title":"t","description":"d","sig":"cloud"}\n{"title":5}\n');
    const bad = agora("triage", "train", "--input", join(dir, "bad.jsonl"), "--out", join(dir, "m.json"));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("line 2");
    expect(agora("triage", "frobnicate").status).toBe(2);
  });

  it("answers an unknown command with usage and exit code 2", () => {
    const run = agora("frobnicate");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("usage:");
  });
});

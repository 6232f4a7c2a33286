import { spawnSync } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { parseCommunity } from "@agora/config";
import { createPostgresDatabase, TEST_POSTGRES_ADMIN_URL } from "@agora/db/testing";
import { openPostgres } from "@agora/db";
import { runBlindToken } from "@agora/surveys";
import { syntheticReports, triageCommands } from "@agora/triage";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commands, isCommand } from "../src/commands.ts";

const root = new URL("../../../", import.meta.url).pathname;
const agoraIn = (env: NodeJS.ProcessEnv, ...args: string[]) => agoraAt(root, env, ...args);
const agoraAt = (cwd: string, env: NodeJS.ProcessEnv, ...args: string[]) =>
  spawnSync(process.execPath, [join(root, "apps/agora/src/main.ts"), ...args], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH, ...env },
  });
const agora = (...args: string[]) => agoraIn({}, ...args);
const linesOf = (text: string) => text.trim().split("\n");

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
    expect(good.stdout).toContain("example.yaml is valid: /s/example, 11 questions on 3 pages, open");
    const dir = mkdtempSync(join(tmpdir(), "agora-cli-"));
    writeFileSync(join(dir, "broken.yaml"), "slug: ok\ntitle: T\nquestions:\n  - { id: q, type: stars, title: Q }\n");
    const bad = agora("check-surveys", dir);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("questions[0].type");
    expect(bad.stderr).toContain("(line 4)");
    writeFileSync(
      join(dir, "broken.yaml"),
      "slug: ok\ntitle: T\nsections:\n  - { first_question: q2, title: S }\nquestions:\n  - { id: q, type: nps, title: Q }\n  - { id: q2, type: nps, title: Q2 }\n",
    );
    const badSection = agora("check-surveys", dir);
    expect(badSection.status).toBe(1);
    expect(badSection.stderr).toContain(
      'sections[0].first_question: must be the survey\'s first question ("q"), so every question is in a section (line 4)',
    );
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

  it("names a port another process holds in one line and exits 1", async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "::", resolve));
    const port = (holder.address() as AddressInfo).port;
    try {
      const run = agoraIn({ PORT: String(port), AGORA_DATA_DIR: mkdtempSync(join(tmpdir(), "agora-port-")) }, "start");
      expect(run.status).toBe(1);
      expect(run.stdout + run.stderr).toContain(`port ${port} is in use by another process (set PORT)`);
      expect(run.stderr).not.toContain("at Server.");
    } finally {
      holder.close();
    }
  });

  it("names an unreachable database in one line, without its password", () => {
    const run = agoraIn({ DATABASE_URL: "postgres://postgres:hunter2@127.0.0.1:1/agora" }, "start");
    expect(run.status).toBe(1);
    expect(linesOf(run.stderr)).toEqual([
      "agora: nothing answers at 127.0.0.1:1 (DATABASE_URL): is PostgreSQL running there, and is DATABASE_URL right?",
    ]);
    expect(run.stdout + run.stderr).not.toContain("hunter2");
  });

  it("says how to create a database that does not exist, in one line", () => {
    const url = new URL(TEST_POSTGRES_ADMIN_URL);
    url.pathname = `/agora_missing_${randomBytes(4).toString("hex")}`;
    url.password = "hunter2";
    const run = agoraIn({ DATABASE_URL: url.toString() }, "work");
    expect(run.status).toBe(1);
    expect(linesOf(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain(
      `createdb -h ${url.hostname} -p ${url.port || "5432"} -U ${url.username} ${url.pathname.slice(1)}`,
    );
    expect(run.stdout + run.stderr).not.toContain("hunter2");
  });

  it("reads an empty AGORA_DATA_DIR as unset in the triage commands too: ./data", () => {
    const dir = mkdtempSync(join(tmpdir(), "agora-cli-empty-"));
    const run = agoraAt(
      dir,
      { AGORA_DATA_DIR: "" },
      "triage",
      "export-corrections",
      "--output",
      join(dir, "corrections.jsonl"),
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("0 correction(s)");
    expect(existsSync(join(dir, "data", "pglite"))).toBe(true);
  });

  it("checks the environment for every command, one line for each bad value and no value shown", () => {
    const env = { PORT: "eighty", DATABASE_URL: "mysql://u:hunter2@db/x" };
    for (const args of [
      ["check-config"],
      ["triage", "export-corrections", "--output", "never.jsonl"],
      ["triage", "sweep", "--url", "https://gitlab.example.org"],
    ]) {
      const run = agoraIn(env, ...args);
      expect(run.status, args.join(" ")).toBe(1);
      expect(linesOf(run.stderr)).toEqual([
        "agora: invalid environment variable PORT: must be a whole number from 1 to 65535",
        "agora: invalid environment variable DATABASE_URL: must be a PostgreSQL URL starting with postgres:// or postgresql://",
      ]);
      expect(run.stderr).not.toContain("hunter2");
    }
    const defaults = agoraIn({ AGORA_CONFIG: "" }, "check-config");
    expect(defaults.status).toBe(0);
    expect(defaults.stdout).toContain("config/community.example.yaml is valid");
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
    expect(readFileSync(join(dir, "model.json"), "utf8")).toContain("agora-triage-linear/2");
    const evaluation = agora(
      "triage",
      "eval",
      "--train",
      join(dir, "train.jsonl"),
      "--test",
      join(dir, "test.jsonl"),
      "--threshold",
      "0.6",
    );
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

describe("agora help", () => {
  const help = agora("help");
  const every = Object.entries(commands).flatMap(([name, entry]) =>
    isCommand(entry)
      ? [{ words: name, command: entry }]
      : Object.entries(entry).map(([sub, command]) => ({ words: `${name} ${sub}`, command })),
  );

  it("lists every command the dispatcher runs, each with every option its parser defines", () => {
    expect(help.status).toBe(0);
    expect(every.length).toBe(14);
    for (const { words, command } of every) {
      expect(command.usage.startsWith(`agora ${words}`), command.usage).toBe(true);
      expect(help.stdout).toContain(command.usage);
      for (const option of Object.keys(command.options ?? {}))
        expect(command.usage, words).toMatch(new RegExp(`--${option}\\b`));
    }
  });

  it("names blind-token's options as the command itself does", async () => {
    // Its parser's definitions are not exported; its own usage line is the next best source.
    const lines: string[] = [];
    await runBlindToken([], { out: () => {}, err: (line) => lines.push(line) }, {});
    const options = lines.join("\n").match(/--[\w-]+/g) ?? [];
    expect(options.length).toBeGreaterThan(0);
    for (const option of options) expect(help.stdout).toMatch(new RegExp(`agora survey blind-token .*${option}\\b`));
  });

  it("answers `agora triage train --help` with every option of the command and exit 0", () => {
    for (const name of ["train", "eval"]) {
      const asked = agora("triage", name, "--help");
      expect(asked.status, asked.stderr).toBe(0);
      for (const option of Object.keys(triageCommands[name]!.options)) expect(asked.stdout).toContain(`--${option}`);
    }
  });

  it("answers `agora triage` with the triage commands and exit 2, `agora triage help` with exit 0", () => {
    const bare = agora("triage");
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain(`agora triage: which command? ${Object.keys(triageCommands).join(", ")}`);
    const asked = agora("triage", "help");
    expect(asked.status).toBe(0);
    for (const command of Object.values(triageCommands)) {
      expect(bare.stderr).toContain(command.usage);
      expect(asked.stdout).toContain(command.usage);
    }
  });

  it("names a missing option, and an unknown one in one line with the usage", () => {
    const sweep = agora("triage", "sweep", "--dry-run");
    expect(sweep.status).toBe(2);
    expect(linesOf(sweep.stderr)).toEqual([
      "agora triage sweep: missing --url",
      triageCommands.sweep!.usage.replace(/^/, "usage: "),
    ]);
    const unknown = agora("triage", "train", "--inptu", "x");
    expect(unknown.status).toBe(2);
    expect(linesOf(unknown.stderr)).toEqual([
      expect.stringMatching(/^agora triage train: Unknown option '--inptu'/),
      `usage: ${triageCommands.train!.usage}`,
    ]);
  });
});

describe("agora migrate", () => {
  it("installs the tables and the producers' queues, publishes the survey files, then stops; run again, it changes nothing", async () => {
    const created = await createPostgresDatabase();
    try {
      const first = agoraIn({ DATABASE_URL: created.url }, "migrate");
      expect(first.stderr).toBe("");
      expect(first.status).toBe(0);
      expect(first.stdout).toContain("queues: delivery, notify, triage; surveys from config/surveys: example");
      expect(agoraIn({ DATABASE_URL: created.url }, "migrate").status).toBe(0);
      const db = await openPostgres(created.url);
      try {
        const queues = await db.query<{ name: string }>("select name from pgboss.queue order by name");
        expect(queues.map((q) => q.name)).toEqual(expect.arrayContaining(["delivery", "notify", "triage"]));
        expect(await db.query("select 1 from agora_inbox")).toEqual([]);
        expect(await db.query("select slug from agora_survey")).toEqual([{ slug: "example" }]);
      } finally {
        await db.close();
      }
    } finally {
      await created.drop();
    }
  });
});

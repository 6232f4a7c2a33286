import { mkdtempSync, rmSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadCommunityFile, parseCommunity } from "../src/index.ts";

const examplePath = fileURLToPath(new URL("../../../config/community.example.yaml", import.meta.url));

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "agora-config-"));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function problemsOf(yamlText: string): string[] {
  const result = parseCommunity(yamlText, "community.yaml");
  if (result.ok) throw new Error("expected problems, the file was accepted");
  return result.problems;
}

describe("the example community file", () => {
  it("is valid, with the eight SIGs and rules of every kind", () => {
    const result = loadCommunityFile(examplePath);
    if (!result.ok) throw new Error(result.problems.join("\n"));
    const { sigs, forums, surveys } = result.community;
    expect(sigs.map((sig) => sig.id)).toEqual([
      "core",
      "cloud",
      "hpc-ai",
      "security",
      "migration",
      "kernel",
      "docs",
      "infrastructure",
    ]);
    expect(sigs.find((sig) => sig.id === "cloud")?.keywords).toEqual(
      expect.arrayContaining(["cloud-init", "AMI", "Azure", "GCP", "OCI"]),
    );
    expect(new Set(forums.rules.map((rule) => rule.filter))).toEqual(new Set(["mute", "watch", "thread", "follow"]));
    expect(forums.rules.some((rule) => rule.tags?.length)).toBe(true);
    expect(surveys.admins.length).toBeGreaterThan(0);
    expect(result.community.subscriptions.map((sub) => sub.sig ?? sub.room)).toEqual([
      "infrastructure",
      "infrastructure",
      "#releases:example.org",
      "#core-dev:example.org",
    ]);
  });
});

const withMistakes = `
sigs:
  - id: core
    name: Core
    leads:
      - matrix: arivera
        gitlab: arivera
    gitlab: { labels: ["sig::core"] }
    room: "#core:example.org"
  - id: cloud
    name: Cloud
    leads: [{ matrix: "@p:example.org", gitlab: priya }]
    gitlab: { labels: ["sig::cloud"] }
    room: "#cloud:example.org"
  - id: cloud
    name: Kernel
    leads: [{ matrix: "@r:example.org", gitlab: rshah }]
    gitlab: { labels: ["sig::kernel"] }
    room: kernel-room
    keywrods: [kernel]
forums:
  rules:
    - category: 5
      room: "#announce:example.org"
      filter: everything
`;

describe("a community file with mistakes", () => {
  it("lists every one, with its path and line", () => {
    expect(problemsOf(withMistakes)).toEqual([
      "sigs[0].leads[0].matrix: must be a Matrix user id like @jdoe:example.org (line 6)",
      "sigs[2].room: must be a Matrix room id like !abc:example.org or alias like #room:example.org (line 19)",
      "sigs[2].keywrods: unknown key, check its spelling (line 20)",
      "forums.rules[0].filter: must be one of watch, follow, thread, mute (line 25)",
      'sigs[2].id: SIG id "cloud" is already used by sigs[1] (line 15)',
    ]);
  });

  it("names each subscription mistake by its path and line", () => {
    const file = `
sigs:
  - { id: core, name: Core, leads: [{ matrix: "@a:example.org", gitlab: a }], gitlab: { labels: ["sig::core"] }, room: "#core:example.org" }
subscriptions:
  - sig: kernel
  - room: "#releases:example.org"
    events: [releases, merges]
    labels: { include: [bug] }
`;
    expect(problemsOf(file)).toEqual([
      "subscriptions[1].events[1]: must be one of issues, merge_requests, comments, pipelines, releases, tags, pushes (line 7)",
      'subscriptions[0].sig: no SIG has the id "kernel" (line 5)',
      "subscriptions[1].labels.include: lets no releases through: they carry no labels (give them a subscription of their own) (line 8)",
    ]);
  });

  it("names a quiet hours time zone it does not know, by path and line", () => {
    const file = `
sigs:
  - id: core
    name: Core
    leads: [{ matrix: "@a:example.org", gitlab: a }]
    gitlab: { labels: ["sig::core"] }
    room: "#core:example.org"
    pings: { on: [asked], quiet_hours: { from: "22:00", to: "07:00", tz: Europe/Berln } }
`;
    expect(problemsOf(file)).toEqual([
      "sigs[0].pings.quiet_hours.tz: must be an IANA time zone like Europe/Berlin, or UTC (line 8)",
    ]);
  });

  it("points a missing field at the object that lacks it", () => {
    expect(problemsOf("sigs:\n  - id: docs\n    name: Docs\n")).toEqual([
      "sigs[0].leads: is required (line 2)",
      "sigs[0].gitlab: is required (line 2)",
      "sigs[0].room: is required (line 2)",
    ]);
  });

  it("names the line and column of a YAML syntax error", () => {
    // An unquoted ": " inside a value, the likeliest slip in a description.
    expect(problemsOf("sigs:\n  - id: core\n    name: Core: the base system\n")).toEqual([
      "line 3, column 11: Nested mappings are not allowed in compact mappings",
    ]);
  });

  it("reports a key given twice, which YAML would otherwise resolve silently", () => {
    expect(problemsOf("sigs: []\nsigs: []\n")).toEqual([expect.stringMatching(/^line 2, column 1: .*unique/)]);
  });

  it("says so when the file is empty", () => {
    expect(problemsOf("# nothing yet\n")).toEqual(["community.yaml is empty: it needs at least a list of sigs"]);
  });
});

describe("loading a community file", () => {
  it("turns a missing file or a folder into a problem", () => {
    const dir = tempDir();
    expect(loadCommunityFile(join(dir, "absent.yaml"))).toEqual({
      ok: false,
      problems: [`${join(dir, "absent.yaml")} does not exist (set AGORA_CONFIG to the community file's path)`],
    });
    mkdirSync(join(dir, "folder.yaml"));
    expect(loadCommunityFile(join(dir, "folder.yaml"))).toEqual({
      ok: false,
      problems: [`${join(dir, "folder.yaml")} is a folder, not a community file`],
    });
  });

  it("reads what is on disk", () => {
    const dir = tempDir();
    const path = join(dir, "community.yaml");
    writeFileSync(path, withMistakes);
    const result = loadCommunityFile(path);
    expect(result.ok === false && result.problems).toHaveLength(5);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { checkConfig } from "../src/index.ts";

const examplePath = fileURLToPath(new URL("../../../config/community.example.yaml", import.meta.url));

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "agora-check-"));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe("checkConfig", () => {
  it("summarises a valid file", () => {
    expect(checkConfig(examplePath)).toEqual({
      ok: true,
      lines: [`${examplePath} is valid: 8 SIGs, 4 forum rules, 1 survey admin`],
    });
  });

  it("puts the file name above one line per problem", () => {
    const path = join(tempDir(), "community.yaml");
    writeFileSync(
      path,
      'sigs:\n  - id: Core\n    name: Core\n    leads: []\n    gitlab: { labels: ["sig::core"] }\n    room: "#core:example.org"\n',
    );
    expect(checkConfig(path)).toEqual({
      ok: false,
      lines: [
        `${path} is invalid:`,
        "  sigs[0].id: must be a lowercase slug like cloud or hpc-ai (line 2)",
        "  sigs[0].leads: needs at least one lead (line 4)",
      ],
    });
  });

  it("names a triage schedule the queue could not run, with its line", () => {
    const path = join(tempDir(), "community.yaml");
    const example = readFileSync(examplePath, "utf8");
    writeFileSync(path, example.replace("triage:\n", 'triage:\n  schedule: "99 99 99 99 99"\n'));
    const check = checkConfig(path);
    expect(check.ok).toBe(false);
    expect(check.lines).toEqual([
      `${path} is invalid:`,
      expect.stringMatching(
        /^ {2}triage\.schedule: must be a cron expression .*: Constraint error, got value 99 expected range 0-59 \(line \d+\)$/,
      ),
    ]);
  });
});

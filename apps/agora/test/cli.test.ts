import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
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

  it("refuses to start on a bad environment, naming it", () => {
    const run = spawnSync(process.execPath, [join(root, "apps/agora/src/main.ts"), "start"], {
      cwd: root,
      encoding: "utf8",
      env: { PATH: process.env.PATH, PORT: "99999" },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("PORT");
  });

  it("answers an unknown command with usage and exit code 2", () => {
    const run = agora("frobnicate");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("usage:");
  });
});

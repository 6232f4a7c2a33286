import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeGitlab, type FakeGitlab } from "@agora/gitlab/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseJsonl } from "../../src/classifier/training-data.ts";
import { runImportHistory } from "../../src/cli/import-history-command.ts";

const token = "glpat-history-secret";
const config = new URL("../../../../config/community.example.yaml", import.meta.url).pathname;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, output: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe("agora triage import-history", () => {
  let fake: FakeGitlab;
  let dir: string;
  beforeEach(async () => {
    fake = await startFakeGitlab({ token });
    dir = mkdtempSync(join(tmpdir(), "triage-history-"));
  });
  afterEach(() => fake.close());

  const run = (extra: string[], c = capture()) =>
    runImportHistory(
      ["--url", fake.url, "--token-env", "HISTORY_TOKEN", "--config", config, "--out", join(dir, "h.jsonl"), ...extra],
      c.output,
      { HISTORY_TOKEN: token },
    );

  it("reads every page of each project, oldest first, and skips what has no single SIG", async () => {
    // Added newest first, as GitLab lists them, so the order in the file is the import's doing.
    for (let iid = 7; iid >= 1; iid--) {
      fake.addIssue({
        project_id: 12,
        iid,
        state: "closed",
        title: `bug ${iid}`,
        description: `d${iid}`,
        labels: ["bug", "sig::cloud"],
      });
    }
    fake.addIssue({ project_id: 12, iid: 8, state: "closed", labels: ["bug"] });
    fake.addIssue({ project_id: 12, iid: 9, state: "closed", labels: ["sig::cloud", "sig::kernel"] });
    fake.addIssue({ project_id: 12, iid: 10, state: "closed", labels: ["sig::cloud"], confidential: true });
    fake.addIssue({ project_id: 12, iid: 11, state: "opened", labels: ["sig::cloud"] });
    fake.addIssue({ project_id: 13, iid: 1, state: "closed", title: "kernel oops", labels: ["sig::kernel"] });
    const c = capture();

    expect(await run(["--project", "12", "--project", "13", "--per-page", "3"], c)).toBe(0);

    const examples = parseJsonl(readFileSync(join(dir, "h.jsonl"), "utf8"));
    expect(examples.map((e) => e.title)).toEqual([
      "bug 1",
      "bug 2",
      "bug 3",
      "bug 4",
      "bug 5",
      "bug 6",
      "bug 7",
      "kernel oops",
    ]);
    expect(examples[0]).toEqual({ title: "bug 1", description: "d1", sig: "cloud" });
    expect(examples[7]!.sig).toBe("kernel");
    const pages = fake.requests.filter((r) => r.path === "/api/v4/projects/12/issues").map((r) => r.query.page);
    expect(pages).toEqual(["1", "2", "3", "4"]);
    expect(c.out.join("\n")).toContain("8 examples");
    expect(c.out.join("\n")).toContain(
      "read 11 labelled closed issues, skipped 1 with no SIG label, 1 with several, 1 confidential",
    );
  });

  it("waits out a rate limit on a page as GitLab's Retry-After says, and reads on", async () => {
    for (let iid = 1; iid <= 4; iid++) fake.addIssue({ project_id: 12, iid, state: "closed", labels: ["sig::cloud"] });
    fake.failNext({ times: 1, status: 429, retryAfterSeconds: 1, after: 1 });
    const c = capture();

    expect(await run(["--project", "12", "--per-page", "2"], c)).toBe(0);

    expect(c.err).toEqual(["GitLab asked to wait 1 s; waiting"]);
    expect(fake.requests.map((r) => r.query.page)).toEqual(["1", "2", "2"]);
    expect(parseJsonl(readFileSync(join(dir, "h.jsonl"), "utf8"))).toHaveLength(4);
  });

  it("reports a 403 clearly, exits 1, and never prints the token", async () => {
    fake.addIssue({ project_id: 12, iid: 1, state: "closed", labels: ["sig::cloud"] });
    fake.failNext({ times: 1, status: 403 });
    const c = capture();

    expect(await run(["--project", "12"], c)).toBe(1);

    expect(c.err.join("\n")).toMatch(/refused the token \(403\)/);
    expect([...c.out, ...c.err].join("\n")).not.toContain(token);
    expect(() => readFileSync(join(dir, "h.jsonl"))).toThrow();
  });

  it("refuses to start without the token's variable, and takes no token from argv", async () => {
    const c = capture();
    const code = await runImportHistory(
      ["--url", fake.url, "--project", "12", "--out", join(dir, "h.jsonl"), "--config", config],
      c.output,
      {},
    );
    expect(code).toBe(2);
    expect(c.err[0]).toContain("GITLAB_TOKEN");
    expect(fake.requests).toHaveLength(0);
    await expect(runImportHistory(["--token", token], c.output, {})).rejects.toThrow(/Unknown option/);
  });

  it("names every missing option and a project that is not an id", async () => {
    const c = capture();
    expect(await runImportHistory(["--url", fake.url], c.output, { GITLAB_TOKEN: token })).toBe(2);
    expect(c.err).toEqual([
      "agora triage import-history: missing --project, --out",
      expect.stringMatching(/^usage: agora triage import-history --url URL /),
    ]);
    const bad = capture();
    expect(await run(["--project", "almalinux/cloud"], bad)).toBe(2);
    expect(bad.err[0]).toBe(
      "agora triage import-history: --project must be a project id (a positive whole number), not almalinux/cloud",
    );
    expect(fake.requests).toHaveLength(0);
  });
});

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "@agora/http";
import { getSurvey, insertSurvey, setSurveyState, storeResponse } from "@agora/db";
import { dialects, freshDatabase, type TestDatabase } from "@agora/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSurveyFiles, seedSurveyFiles } from "../../src/index.ts";
import { surveysDir } from "../../src/testing/index.ts";

const logger = createLogger({ level: "silent" });

describe.each(dialects)("survey files on %s", (dialect) => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await freshDatabase(dialect);
    dir = mkdtempSync(join(tmpdir(), "agora-surveys-"));
    cpSync(surveysDir, dir, { recursive: true });
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  const seed = () => {
    const files = readSurveyFiles(dir);
    if (!files.ok) throw new Error(files.problems.join("\n"));
    return seedSurveyFiles({ db: t.db, logger }, files.files);
  };
  const example = () => join(dir, "example.yaml");

  it("creates a file's survey open, leaves it alone while the file is the same, and follows a changed file", async () => {
    expect(await seed()).toEqual(new Map([["example", "created"]]));
    expect(await getSurvey(t.db, "example")).toMatchObject({ state: "open", source: `file:${example()}` });
    expect(await seed()).toEqual(new Map([["example", "unchanged"]]));
    writeFileSync(example(), readFileSync(example(), "utf8").replace("Community survey 2026", "Community survey 2027"));
    expect(await seed()).toEqual(new Map([["example", "updated"]]));
    expect(JSON.stringify((await getSurvey(t.db, "example"))?.definition)).toContain("Community survey 2027");
  });

  it("keeps the stored definition when a changed file would drop a question that has answers", async () => {
    await storeResponse(t.db, {
      slug: "example",
      answers: { usage: "cloud" },
      texts: {},
      day: "2026-11-25",
      ticket: { kind: "none" },
    });
    writeFileSync(example(), readFileSync(example(), "utf8").replace("- id: machines", "- id: hosts"));
    expect(await seed()).toEqual(new Map([["example", "refused"]]));
    expect(JSON.stringify((await getSurvey(t.db, "example"))?.definition)).toContain('"machines"');
  });

  it("never overwrites a survey of the same slug made through the admin API", async () => {
    writeFileSync(join(dir, "api.yaml"), "slug: from-api\ntitle: File\nquestions: [{ id: q, type: nps, title: N }]\n");
    await insertSurvey(t.db, { slug: "from-api", definition: { title: "API" } });
    await setSurveyState(t.db, "from-api", "open");
    expect((await seed()).get("from-api")).toBe("kept-database");
    expect((await getSurvey(t.db, "from-api"))?.definition).toEqual({ title: "API" });
  });

  it("lists every problem of every file with its line", () => {
    writeFileSync(join(dir, "broken.yaml"), "slug: Broken\ntitle: T\nquestions:\n  - { id: q, type: nps }\n");
    writeFileSync(
      join(dir, "twin.json"),
      JSON.stringify({ slug: "example", title: "T", questions: [{ id: "q", type: "nps", title: "N" }] }),
    );
    const result = readSurveyFiles(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      `${join(dir, "broken.yaml")}: slug: must be a lowercase slug like community-2026 (line 1)`,
      `${join(dir, "broken.yaml")}: questions[0].title: is required (line 4)`,
      `${join(dir, "twin.json")}: slug "example" is also the slug of ${example()}`,
    ]);
  });
});

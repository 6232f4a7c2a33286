import { createHash, randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { addInvites, getSurvey } from "@agora/db";
import { dialects } from "@agora/db/testing";
import { createLogger } from "@agora/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleSurvey } from "../../src/testing/index.ts";
import {
  addSurvey,
  formBody,
  formHeaders,
  surveyTestApp,
  validExampleAnswers,
  type SurveyTestApp,
  favouriteQuestion,
} from "../page/page-harness.ts";
import { dumpDatabase, undatedSurveyTables, type TableDump } from "./database-dump.ts";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** A time of day in any common spelling: 12:34, T12:34:56, 12:34:56.789+00. */

// What could identify a member, each distinctive enough that finding it anywhere means it leaked.
const address = "203.0.113.77";
const userAgent = "AnonymityProbe/9.9 (X11; distinctive-agent-5f3a)";
const cookie = "session=cookie-secret-8d1e";

describe.each(dialects)("what is kept of a member's answer on %s", (dialect) => {
  let s: SurveyTestApp;
  const logLines: string[] = [];
  const spentTokens = [1, 2, 3].map((i) => `invite-${i}-${randomBytes(8).toString("hex")}`);
  const unspentToken = `invite-unspent-${randomBytes(8).toString("hex")}`;
  let surveyRowBefore: unknown;

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(...String(chunk).split("\n").filter(Boolean));
        done();
      },
    });
    s = await surveyTestApp(dialect, {
      startQueue: true,
      logger: createLogger({ level: "trace", destination }),
      // The rate limiter sees the address, as it would from the connection; it must keep nothing of it.
      page: { clientAddress: (c) => c.req.header("x-forwarded-for") },
    });
    await addSurvey(s.db, exampleSurvey());
    await addSurvey(s.db, {
      slug: "anon-invite",
      title: "Invited",
      access: { mode: "invite" },
      // Milestones make jobs in the queue's tables, which the whole-database check reads too.
      milestones: { room: "!milestones:example.org", every: 2 },
      questions: [favouriteQuestion()],
    });
    await addInvites(s.db, "anon-invite", [...spentTokens, unspentToken].map(sha256));
    surveyRowBefore = await getSurvey(s.db, "anon-invite");

    const headers = {
      ...formHeaders,
      "x-forwarded-for": address,
      "x-real-ip": address,
      "user-agent": userAgent,
      cookie,
    };
    const post = (slug: string, fields: Record<string, string | string[]>) =>
      s.app.request(`/s/${slug}`, { method: "POST", headers, body: formBody(fields) });
    for (const token of spentTokens) expect((await post("anon-invite", { token, "q.fav": "a" })).status).toBe(303);
    expect((await post("anon-invite", { token: spentTokens[0]!, "q.fav": "b" })).status).toBe(400);
    expect((await post("example", { ...validExampleAnswers, "q.improve": "more docs" })).status).toBe(303);
    expect((await post("example", { "q.usage": "nowhere" })).status).toBe(400);
    expect((await s.app.request(`/s/anon-invite?token=${unspentToken}`, { headers })).status).toBe(200);
  });
  afterAll(() => s.close());

  it("stores answers with a random v4 id, the survey, the day and the answers, and nothing else", async () => {
    const rows = await s.db.query<Record<string, unknown>>(
      "select id::text as id, survey_slug, day::text as day, answers, texts from agora_survey_response",
    );
    const columns = await s.db.query<{ column_name: string; data_type: string }>(
      "select column_name, data_type from information_schema.columns where table_name = 'agora_survey_response' order by ordinal_position",
    );
    expect(columns.map((c) => `${c.column_name} ${c.data_type}`)).toEqual([
      "id uuid",
      "survey_slug text",
      "day date",
      "answers jsonb",
      "texts jsonb",
    ]);
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row.id).toMatch(UUID_V4);
      expect(row.day).toBe("2026-06-15");
      expect(["anon-invite", "example"]).toContain(row.survey_slug);
    }
    expect(new Set(rows.map((r) => r.id)).size).toBe(4);
  });

  it("keeps no token, address, user agent, cookie or time of day in any survey table", async () => {
    const dump = await dumpDatabase(s.db);
    const surveyTables = undatedSurveyTables(dump);
    // Spent invites are deleted; the one never used is still there, as its hash only.
    const invites = surveyTables.find((t) => t.table === "public.agora_survey_invite")!.rows.join("\n");
    expect(invites).toContain(sha256(unspentToken));
    for (const token of spentTokens) expect(invites).not.toContain(sha256(token));
    expect(surveyTables.find((t) => t.table === "public.agora_survey_spent_token")!.rows).toEqual([]);
    // The survey's own row changed only by its count: no time of the answers was written to it.
    const after = await getSurvey(s.db, "anon-invite");
    expect(after).toEqual({ ...(surveyRowBefore as object), answerCount: 3 });
  });

  it("keeps none of them anywhere in the whole database, the queue's tables included", async () => {
    const dump = await dumpDatabase(s.db);
    const everything = (tables: TableDump[]) => tables.flatMap((t) => t.rows.map((row) => ({ table: t.table, row })));
    // The dump is the real thing: the queue's tables, the answers and the unspent invite are in it.
    expect(dump.some((t) => t.table === "pgboss.job")).toBe(true);
    expect(
      everything(dump).some(
        ({ table, row }) => table === "public.agora_survey_invite" && row.includes(sha256(unspentToken)),
      ),
    ).toBe(true);
    expect(
      everything(dump).some(({ table, row }) => table === "public.agora_survey_response" && row.includes("more docs")),
    ).toBe(true);
    const secrets = [
      address,
      userAgent,
      "distinctive-agent-5f3a",
      "cookie-secret-8d1e",
      ...spentTokens,
      unspentToken,
      ...spentTokens.map(sha256),
    ];
    for (const { table, row } of everything(dump)) {
      for (const secret of secrets) expect(row.includes(secret), `${table} holds ${secret}`).toBe(false);
    }
  });

  it("logs the survey requests without the address, the user agent, the cookie or a token", () => {
    const requests = logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((l) => l.msg === "request");
    expect(requests.filter((l) => l.route === "/s/:slug").length).toBe(7);
    for (const line of logLines) {
      for (const secret of [
        address,
        userAgent,
        "distinctive-agent-5f3a",
        "cookie-secret-8d1e",
        ...spentTokens,
        unspentToken,
      ]) {
        expect(line.includes(secret), `log line ${line} holds ${secret}`).toBe(false);
      }
    }
  });
});

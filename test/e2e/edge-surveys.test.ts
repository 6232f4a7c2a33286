import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPostgres, type Database } from "@agora/db";
import { createPostgresDatabase } from "@agora/db/testing";
import { freePort, startDeno, startPgbouncer, startWorkerd, type Child, type Pgbouncer } from "@agora/edge";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "./processes.ts";
import { dumpDatabase, undatedSurveyTables } from "../../services/surveys/test/anonymity/database-dump.ts";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// What could identify the member, each distinctive enough that finding it anywhere means it leaked.
const address = "203.0.113.91";
const userAgent = "EdgeAnonymityProbe/1.0 (X11; distinctive-edge-agent-7c2e)";
const cookieSecret = "cookie-secret-edge-41b9";
const adminToken = "edge-admin-token-5d0e7c";

/** Serves the survey pages on `port` against `databaseUrl` (the pooler's), with the bindings they read. */
type StartPages = (port: number, bindings: Record<string, string>) => Promise<Child>;

const runtimes: { runtime: string; start: StartPages }[] = [
  {
    runtime: "workerd",
    start: (port, bindings) =>
      startWorkerd(mkdtempSync(join(tmpdir(), "agora-edge-surveys-")), [{ worker: "surveys", port, bindings }]),
  },
  {
    runtime: "deno serve",
    start: (port, env) =>
      startDeno(mkdtempSync(join(tmpdir(), "agora-deno-surveys-")), { entry: "surveys", port, env }),
  },
];

// The survey pages at the edge, through PgBouncer, answered in Chromium with JavaScript off; the
// answer must be kept exactly as anonymously as the Node pages keep it (services/surveys/test/anonymity).
describe.each(runtimes)(
  "the surveys served by $runtime: the example answered in Chromium without JavaScript, and the admin API",
  ({ runtime, start }) => {
    let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
    let db: Database | undefined;
    let pooler: Pgbouncer | undefined;
    let served: Child | undefined;
    let browser: Browser | undefined;
    let site = "";

    beforeAll(async () => {
      database = await createPostgresDatabase();
      // The surveys reach the database by `agora migrate`: an isolate has no folder to read them from.
      migrateDatabase(database.url);
      db = await openPostgres(database.url);
      pooler = await startPgbouncer(database.url);
      const port = await freePort();
      site = `http://127.0.0.1:${port}`;
      served = await start(port, {
        DATABASE_URL: pooler.url,
        AGORA_PUBLIC_URL: site,
        AGORA_ADMIN_TOKEN: adminToken,
        LOG_LEVEL: "debug",
      });
      browser = await chromium.launch({
        executablePath: process.env.AGORA_CHROMIUM ?? "/usr/bin/chromium",
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
      });
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await served?.stop();
      await pooler?.stop();
      await db?.close();
      await database?.drop();
    });

    it("stores the answer with a random id, the survey, the day and the answers, and nothing that points to the member", async () => {
      if (!browser || !db) throw new Error("beforeAll did not finish");
      const context = await browser.newContext({
        javaScriptEnabled: false,
        userAgent,
        // As Cloudflare's edge would tell the worker: the rate limiter sees it, nothing may keep it.
        extraHTTPHeaders: { "cf-connecting-ip": address, "x-forwarded-for": address },
      });
      await context.addCookies([{ name: "session", value: cookieSecret, url: site }]);
      const page = await context.newPage();
      await page.goto(`${site}/s/example`);
      expect(await page.title()).toContain("Community survey 2026");
      // By keyboard, as in the Node page's browser test, page by page: the example is in sections.
      const next = async () => {
        await Promise.all([
          page.waitForResponse((r) => r.request().method() === "POST"),
          page.getByRole("button", { name: "Next", exact: true }).click(),
        ]);
        await page.waitForLoadState();
      };
      await page.locator("#q-usage").focus();
      await page.keyboard.press("Space");
      await page.keyboard.press("ArrowDown");
      await page.locator("#q-versions--v9").focus();
      await page.keyboard.press("Space");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Space");
      await next();
      await page.locator("#q-satisfaction").focus();
      await page.keyboard.press("Space");
      for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
      await page.locator("#q-recommend--9").focus();
      await page.keyboard.press("Space");
      await next();
      await page.locator("#q-improve").focus();
      await page.keyboard.type("Mirrors at the edge");
      await page.getByRole("button", { name: "Send my answers" }).focus();
      await page.keyboard.press("Enter");
      await page.waitForURL(`${site}/s/example/thanks?lang=en`);
      expect(await page.locator("p.thanks").textContent()).toBe(
        "Thank you! Your answer is stored without anything that points back to you.",
      );
      await context.close();

      const rows = await db.query<{ id: string; survey_slug: string; day: string; answers: unknown; texts: unknown }>(
        "select id::text as id, survey_slug, day::text as day, answers, texts from agora_survey_response",
      );
      expect(rows).toEqual([
        {
          id: expect.stringMatching(UUID_V4),
          survey_slug: "example",
          day: new Date().toISOString().slice(0, 10),
          answers: { usage: "cloud", versions: ["v9", "v10"], satisfaction: 4, recommend: 9 },
          texts: { improve: "Mirrors at the edge" },
        },
      ]);

      const dump = await dumpDatabase(db);
      undatedSurveyTables(dump);
      const everything = dump.flatMap((t) => t.rows.map((row) => ({ table: t.table, row })));
      expect(
        everything.some(
          ({ table, row }) => table === "public.agora_survey_response" && row.includes("Mirrors at the edge"),
        ),
      ).toBe(true);
      for (const { table, row } of everything) {
        for (const secret of [address, userAgent, "distinctive-edge-agent-7c2e", cookieSecret])
          expect(row.includes(secret), `${table} holds ${secret}`).toBe(false);
      }
    });

    it("takes an admin's survey through the JSON API: created, opened with its milestone queued once, read back", async () => {
      if (!db) throw new Error("beforeAll did not finish");
      const api = (path: string, init: RequestInit = {}, token = adminToken) =>
        fetch(`${site}/api/surveys${path}`, {
          ...init,
          headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
        });
      const definition = [
        "slug: edge-admin",
        "languages: [en]",
        "title: { en: Edge admin }",
        "access: { mode: open }",
        "milestones: { room: '#surveys:example.org', every: 10 }",
        "questions:",
        "  - { id: os, type: single_choice, title: { en: Which? }, options: [{ id: a, label: { en: A } }, { id: b, label: { en: B } }] }",
      ].join("\n");
      expect((await api("", { method: "POST", body: definition }, "not-the-token")).status).toBe(401);
      const created = await api("", {
        method: "POST",
        headers: { "content-type": "application/yaml" },
        body: definition,
      });
      expect(created.status, await created.clone().text()).toBe(201);
      for (const expected of [true, false]) {
        const opened = await api("/edge-admin/open", { method: "POST" });
        expect(await opened.json()).toEqual({ slug: "edge-admin", state: "open", changed: expected });
      }
      const jobs = await db.query<{ n: number }>(
        "select count(*)::int as n from pgboss.job where name = 'notify' and data->>'dedupeKey' like '%edge-admin%'",
      );
      expect(jobs).toEqual([{ n: 1 }]);
      const read = await api("/edge-admin");
      expect(read.status).toBe(200);
      expect(await read.json()).toMatchObject({ slug: "edge-admin", state: "open" });
      const page = await fetch(`${site}/s/edge-admin`);
      expect(page.status).toBe(200);
    });

    it("serves the blind-token script from the bundle, with no file to read it from", async () => {
      const script = await fetch(`${site}/assets/survey-blind.js`);
      expect(script.status).toBe(200);
      expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
      expect((await script.text()).length).toBeGreaterThan(1000);
    });

    it("logs the requests without the address, the user agent or the cookie", () => {
      const output = served?.output() ?? "";
      expect(output).toContain('"route":"/s/:slug"');
      for (const secret of [address, "distinctive-edge-agent-7c2e", cookieSecret])
        expect(output.includes(secret), `${runtime}'s log holds ${secret}`).toBe(false);
    });
  },
);

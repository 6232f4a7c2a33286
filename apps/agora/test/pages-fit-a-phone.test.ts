import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { saveTriageDecision } from "@agora/db";
import { bulkInsertAnswers, exampleSurvey, generateAnswers } from "@agora/surveys/testing";
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemForTests } from "./system-harness.ts";

const ADMIN_TOKEN = "a-token-for-the-phone-width-test";
// Where to keep a screenshot of each page at 360 and 1280 px, when asked for.
const shots = process.env.AGORA_SCREENSHOTS;
if (shots) mkdirSync(shots, { recursive: true });

// A bug report's title and reasons as members write them: long words, paths, URLs.
const longTitle =
  "kernel-core-6.12.0-55.el10.x86_64 fails to boot on /dev/mapper/almalinux-root_with_a_very_long_volume_name";

/**
 * Every server-rendered page of the one-process system at 360 px: the document must not scroll
 * sideways (a wide table scrolls in a box of its own), and each page has a title and a favicon.
 */
describe("every page on a 360 px screen", () => {
  const harness = systemForTests({
    database: "postgres",
    env: () => ({ GITLAB_URL: "http://127.0.0.1:9", GITLAB_TOKEN: "unused", AGORA_ADMIN_TOKEN: ADMIN_TOKEN }),
  });
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const db = harness.system.db;
    const reasons = [
      `title mentions ${longTitle}`,
      "label ~bug and https://gitlab.example.org/almalinux/kernel/-/issues/12345#note_67890",
    ];
    const suggestions = [
      { sig: "core", confidence: 0.55 },
      { sig: "cloud", confidence: 0.3 },
    ];
    await saveTriageDecision(db, {
      projectId: 7,
      issueIid: 1,
      sig: "core",
      confidence: 0.5,
      mode: "ask",
      reasons,
      confidential: false,
      title: longTitle,
      suggestions,
    });
    await saveTriageDecision(db, {
      projectId: 7,
      issueIid: 2,
      sig: "core",
      confidence: 0.9,
      mode: "act",
      reasons,
      confidential: false,
      title: longTitle,
      suggestions,
    });
    await saveTriageDecision(db, {
      projectId: 7,
      issueIid: 3,
      sig: "",
      confidence: 0.2,
      mode: "ask",
      reasons,
      confidential: false,
      title: longTitle,
      suggestions,
    });
    // Enough answers for the results to show every chart and table, past the smallest group shown.
    await bulkInsertAnswers(db, "example", generateAnswers(exampleSurvey(), 60, 7));
    const app = harness.system.app;
    base = await new Promise<string>((resolve) => {
      const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) =>
        resolve(`http://127.0.0.1:${info.port}`),
      );
      close = () => new Promise<void>((done) => server.close(() => done()));
    });
    browser = await chromium.launch({
      executablePath: process.env.AGORA_CHROMIUM ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu"],
    });
    context = await browser.newContext({ viewport: { width: 360, height: 800 }, javaScriptEnabled: false });
    page = await context.newPage();
    // The admin pages need a session: signed in once, the cookie serves every admin page below.
    await page.goto(`${base}/admin/sign-in`);
    await page.fill("#token", ADMIN_TOKEN);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click("main button[type=submit]")]);
  });
  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  async function widthOf(path: string, name: string): Promise<number> {
    const response = await page.goto(`${base}${path}`);
    expect(response?.headers()["content-type"], path).toContain("text/html");
    expect((await page.title()).trim(), `${path}: title`).not.toBe("");
    expect(await page.locator('head link[rel="icon"]').count(), `${path}: favicon link`).toBe(1);
    if (shots) {
      await page.screenshot({ path: join(shots, `${name}-360.png`), fullPage: true });
      // The top alone too, at a size an image viewer shows without shrinking it.
      await page.screenshot({
        path: join(shots, `${name}-360-top.png`),
        clip: { x: 0, y: 0, width: 360, height: 1200 },
        fullPage: true,
      });
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.screenshot({ path: join(shots, `${name}-1280.png`), fullPage: true });
      await page.setViewportSize({ width: 360, height: 800 });
    }
    return (await page.evaluate("document.documentElement.scrollWidth")) as number;
  }

  const pages: [name: string, path: string][] = [
    ["status", "/"],
    ["docs", "/docs"],
    ["triage", "/triage"],
    ["triage-sig", "/triage/core"],
    ["triage-unplaced", "/triage/unplaced"],
    ["survey", "/s/example"],
    ["survey-thanks", "/s/example/thanks"],
    ["survey-not-found", "/s/no-such-survey"],
    // Another change is reworking the results' charts: this case checks the page as it stands.
    ["survey-results", "/s/example/results"],
    ["admin-sign-in", "/admin/sign-in"],
    ["admin-list", "/admin"],
    ["admin-new", "/admin/new-survey"],
    ["admin-survey", "/admin/surveys/example"],
    ["admin-preview", "/admin/surveys/example/preview"],
    ["admin-results", "/admin/surveys/example/results"],
    ["admin-no-survey", "/admin/surveys/no-such-survey"],
  ];

  it.each(pages)("%s (%s) is no wider than the screen, with a title and a favicon", async (name, path) => {
    expect(await widthOf(path, name)).toBeLessThanOrEqual(360);
  });

  it("serves the favicon itself, at /favicon.ico too", async () => {
    const ico = await harness.system.app.request("/favicon.ico");
    expect(ico.status).toBe(200);
    expect(ico.headers.get("content-type")).toBe("image/x-icon");
    const svg = await harness.system.app.request("/favicon.svg");
    expect(svg.status).toBe(200);
    expect(await svg.text()).toContain("<svg");
  });

  it("titles the API page once: Agora API", async () => {
    await page.goto(`${base}/docs`);
    expect(await page.title()).toBe("Agora API");
    expect(await page.locator("h1").textContent()).toBe("Agora API");
  });
});

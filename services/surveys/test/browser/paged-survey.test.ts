import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { listResponses } from "@agora/db";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleSurvey, exampleSurveyOnOnePage } from "../../src/testing/index.ts";
import { pagedSurvey } from "../page/paged-survey.ts";
import { addSurvey, surveyTestApp, type SurveyTestApp } from "../page/page-harness.ts";
import {
  expectNoAxeViolationsWithoutScripts,
  launchChromium,
  recordHosts,
  serveOnLoopback,
  type LoopbackServer,
} from "./chromium.ts";

// Where to keep screenshots of the pages at 360 and 1280 px, when asked for.
const shots = process.env.AGORA_SCREENSHOTS;
if (shots) mkdirSync(shots, { recursive: true });

let s: SurveyTestApp;
let server: LoopbackServer;
let browser: Browser;
const hosts = new Set<string>();

beforeAll(async () => {
  s = await surveyTestApp("pglite");
  await addSurvey(s.db, pagedSurvey);
  await addSurvey(s.db, exampleSurveyOnOnePage());
  [server, browser] = await Promise.all([serveOnLoopback(s.app), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await s?.close();
});

async function openPage(javaScriptEnabled: boolean, width = 360): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width, height: 800 } });
  const page = await context.newPage();
  for (const host of recordHosts(page)) hosts.add(host);
  page.on("request", (request) => hosts.add(new URL(request.url()).hostname));
  return page;
}

async function shoot(page: Page, name: string) {
  expect(await page.evaluate("document.documentElement.scrollWidth"), name).toBeLessThanOrEqual(
    page.viewportSize()?.width ?? 0,
  );
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** Clicks a button of the form and waits for the page the server answers with. */
async function press(page: Page, name: string) {
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name, exact: true }).click(),
  ]);
  await page.waitForLoadState();
}

const progressText = (page: Page) => page.locator("#form-progress-label").textContent();

describe("a survey in sections, in headless Chromium", () => {
  it("is answered page by page with JavaScript off: Next checks the page, Back keeps the answers, the last page sends", async () => {
    const page = await openPage(false);
    await page.goto(`${server.url}/s/paged`);
    expect(await progressText(page)).toBe("Page 1 of 4");
    expect(await page.getByRole("progressbar", { name: "Page 1 of 4" }).count()).toBe(1);
    await shoot(page, "paged-page1-360");

    await press(page, "Next");
    expect(await progressText(page)).toBe("Page 1 of 4");
    expect(await page.locator(".error-summary a").allTextContents()).toEqual([
      "Question 1: Do you use it? — Answer this question.",
    ]);
    await expectNoAxeViolationsWithoutScripts(browser, page, "page 1 with an error", hosts);

    await page.locator("#q-uses").check();
    await page.fill("#q-role", "packager");
    await press(page, "Next");
    expect(await progressText(page)).toBe("Page 2 of 4");
    await page.fill("#q-how_long", "5");
    await shoot(page, "paged-page2-360");
    await expectNoAxeViolationsWithoutScripts(browser, page, "page 2", hosts);

    await press(page, "Back");
    expect(await progressText(page)).toBe("Page 1 of 4");
    expect(await page.locator("#q-uses").isChecked()).toBe(true);
    expect(await page.inputValue("#q-role")).toBe("packager");
    await press(page, "Next");
    expect(await page.inputValue("#q-how_long")).toBe("5");
    await page.fill("#q-since", "9.0");
    await press(page, "Next");
    // Page 3 is for members who do not use it: passed over.
    expect(await progressText(page)).toBe("Page 4 of 4");
    await page.locator("#q-wish--docs").check();
    await shoot(page, "paged-page4-360");

    const before = await listResponses(s.db, "paged");
    await Promise.all([
      page.waitForURL(/\/s\/paged\/thanks/),
      page.getByRole("button", { name: "Send my answers" }).click(),
    ]);
    const after = await listResponses(s.db, "paged");
    expect(after).toHaveLength(before.length + 1);
    const stored = after.find((r) => !before.some((b) => b.id === r.id));
    expect(stored?.answers).toEqual({ uses: "yes", how_long: 5, wish: "docs" });
    expect(stored?.texts).toEqual({ role: "packager", since: "9.0" });
  });

  it("with JavaScript on, shows a question of page 2 by an answer of page 1, and hides one by an answer on its own page", async () => {
    const page = await openPage(true, 1280);
    await page.goto(`${server.url}/s/paged`);
    await page.locator("#q-uses").check();
    await press(page, "Next");
    expect(await page.locator("#question-how_long").isVisible()).toBe(true);
    expect(await page.locator("#question-since").isVisible()).toBe(false);
    await page.fill("#q-how_long", "3");
    await expect.poll(() => page.locator("#question-since").isVisible()).toBe(true);
    await shoot(page, "paged-page2-1280");
  });

  it("keeps an NPS scale on one row at 360 px, and opens the other box only for Other, without JavaScript", async () => {
    const page = await openPage(false);
    await page.goto(`${server.url}/s/example`);
    const tops = (await page
      .locator("#question-recommend .choice")
      .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)))) as number[];
    expect(tops).toHaveLength(11);
    expect(new Set(tops).size).toBe(1);
    expect(await page.locator("#q-usage-other").isVisible()).toBe(false);
    await page.locator("#q-usage--other").check();
    expect(await page.locator("#q-usage-other").isVisible()).toBe(true);
    await page.locator("#q-usage").check();
    expect(await page.locator("#q-usage-other").isVisible()).toBe(false);
    await shoot(page, "example-360");
  });

  it("walks the example survey's three pages without JavaScript and sends it", async () => {
    const example = await surveyTestApp("pglite");
    const exampleServer = await serveOnLoopback(example.app);
    try {
      await addSurvey(example.db, exampleSurvey());
      const page = await openPage(false, 1280);
      await page.goto(`${exampleServer.url}/s/example`);
      expect(await progressText(page)).toBe("Page 1 of 3");
      await page.locator("#q-usage").check();
      await page.locator("#q-versions").check();
      await shoot(page, "example-page1-1280");
      await press(page, "Next");
      expect(await progressText(page)).toBe("Page 2 of 3");
      await page.locator("#q-satisfaction--4").check();
      await page.locator("#q-recommend--9").check();
      await shoot(page, "example-page2-1280");
      await press(page, "Next");
      expect(await progressText(page)).toBe("Page 3 of 3");
      await shoot(page, "example-page3-1280");
      await Promise.all([
        page.waitForURL(/\/s\/example\/thanks/),
        page.getByRole("button", { name: "Send my answers" }).click(),
      ]);
      const [stored] = await listResponses(example.db, "example");
      expect(stored?.answers).toEqual({ usage: "servers", versions: ["v8"], satisfaction: 4, recommend: 9 });
    } finally {
      await exampleServer.close();
      await example.close();
    }
  });

  it("asked no host but 127.0.0.1", () => {
    expect([...hosts]).toEqual(["127.0.0.1"]);
  });
});

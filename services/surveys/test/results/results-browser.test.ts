import { freshDatabase, type TestDatabase } from "@agora/db/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoAxeViolations,
  launchChromium,
  recordHosts,
  serveOnLoopback,
  type LoopbackServer,
} from "../browser/chromium.ts";
import { bulkInsertAnswers, exampleSurvey, generateAnswers } from "../../src/testing/index.ts";
import { ADMIN_TOKEN, resultsApp, seedSurvey } from "./results-fixtures.ts";

// The results page in a real browser, under the app's real CSP: charts drawn, nothing refused,
// nothing fetched from another host, and axe-core's WCAG 2.1 AA rules met.
describe("the results page in headless Chromium", () => {
  let t: TestDatabase;
  let server: LoopbackServer;
  let browser: Browser;
  beforeAll(async () => {
    t = await freshDatabase("pglite");
    const survey = exampleSurvey();
    await seedSurvey(t.db, survey, generateAnswers(survey, 400, 3));
    // Two more days, so the page has answers over time.
    await bulkInsertAnswers(t.db, survey.slug, generateAnswers(survey, 60, 4), "2026-06-02");
    await bulkInsertAnswers(t.db, survey.slug, generateAnswers(survey, 3, 5), "2026-06-03");
    server = await serveOnLoopback(resultsApp(t.db));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.drop();
  });

  for (const query of ["x=usage&y=satisfaction", "filter=usage:cloud"])
    it(`fits a 360 px phone (?${query}): no sideways scrolling of the page, text no smaller than the page's`, async () => {
      const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
      try {
        await page.goto(`${server.url}/s/example/results?${query}`);
        expect(
          await page
            .locator("h2", { hasText: query.startsWith("filter") ? "Which major versions" : "Answers over time" })
            .count(),
        ).toBe(1);
        // Strings, as the DOM is not in this package's types.
        expect(await page.evaluate("document.documentElement.scrollWidth")).toBe(360);
        const smallest = await page.evaluate(
          `Math.min(...[...document.querySelectorAll("main th, main td, main p")].map((e) => parseFloat(getComputedStyle(e).fontSize)))`,
        );
        expect(smallest).toBeGreaterThanOrEqual(15);
        await expectNoAxeViolations(page, `the results page at 360 px (?${query})`);
      } finally {
        await page.close();
      }
    });

  for (const viewer of ["public", "admin"] as const) {
    it(`draws every chart and the cross-tab for the ${viewer}, accessibly, from 127.0.0.1 alone`, async () => {
      const context = await browser.newContext(
        viewer === "admin" ? { extraHTTPHeaders: { authorization: `Bearer ${ADMIN_TOKEN}` } } : {},
      );
      try {
        const page = await context.newPage();
        const hosts = recordHosts(page);
        // What the CSP refused (a console error), and anything that failed to load but the icon
        // a browser asks every site for.
        const refused: string[] = [];
        page.on("console", (message) => {
          if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
            refused.push(message.text());
        });
        page.on("response", (response) => {
          if (response.status() >= 400 && !response.url().endsWith("/favicon.ico"))
            refused.push(`${response.status()} ${response.url()}`);
        });
        const res = await page.goto(`${server.url}/s/example/results?x=usage&y=satisfaction`);
        expect(res?.status()).toBe(200);
        // The example's nine closed questions, one table each (an NPS two: groups and scores),
        // answers over time and the cross-tab.
        expect(await page.locator("main section table").count()).toBe(12);
        const bars = page.locator("svg.bar");
        expect(await bars.count()).toBeGreaterThan(30);
        for (const box of await Promise.all((await bars.all()).slice(0, 10).map((c) => c.boundingBox()))) {
          expect(box!.width).toBeGreaterThan(100);
          expect(box!.height).toBe(10);
        }
        expect(await page.locator("table caption", { hasText: "(rows) by" }).count()).toBe(1);
        // The example's four questions with free text: "other" of two choices, and two text questions.
        expect(await page.getByText("shown to admins only").count()).toBe(viewer === "admin" ? 4 : 0);
        await expectNoAxeViolations(page, `the results page for the ${viewer}`);
        expect(refused).toEqual([]);
        expect([...hosts]).toEqual(["127.0.0.1"]);
      } finally {
        await context.close();
      }
    });
  }
});

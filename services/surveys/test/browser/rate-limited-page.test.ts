import { listResponses } from "@agora/db";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleSurveyOnOnePage } from "../../src/testing/index.ts";
import {
  addSurvey,
  formBody,
  formHeaders,
  surveyTestApp,
  validExampleAnswers,
  type SurveyTestApp,
} from "../page/page-harness.ts";
import { expectNoAxeViolations, launchChromium, serveOnLoopback, type LoopbackServer } from "./chromium.ts";

// Over real HTTP, so the limiter counts the connection's address as in production.
describe("the rate limit's page in headless Chromium", () => {
  let s: SurveyTestApp;
  let server: LoopbackServer;
  let browser: Browser;
  beforeAll(async () => {
    s = await surveyTestApp("pglite", { page: { rateLimit: { limit: 1, windowMs: 10 * 60_000 } } });
    await addSurvey(s.db, exampleSurveyOnOnePage());
    [server, browser] = await Promise.all([serveOnLoopback(s.app), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await s?.close();
  });

  it("keeps what the member entered, moves focus to the notice, and passes axe at 1280 and 360 px", async () => {
    // The address's one send of the window.
    expect(
      (
        await fetch(`${server.url}/s/example`, {
          method: "POST",
          redirect: "manual",
          headers: formHeaders,
          body: formBody(validExampleAnswers),
        })
      ).status,
    ).toBe(303);
    for (const width of [1280, 360]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/s/example`);
      await page.locator('input[name="q.usage"][value="cloud"]').check();
      await page.locator('input[name="q.versions"][value="v10"]').check();
      await page.locator("#q-improve").fill("Faster mirrors");
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        page.locator("button[type=submit]").click(),
      ]);
      expect(response.status()).toBe(429);
      expect(Number(await response.headerValue("retry-after"))).toBeGreaterThan(0);
      await page.locator(".error-summary").waitFor();
      expect(await page.title()).toBe("Too many answers: Community survey 2026");
      expect(await page.locator(".error-summary p").textContent()).toMatch(
        /^Many answers came from your network in the last minutes, so yours were not stored yet\. They are kept below: send them again in (?:a minute|[0-9]+ minutes), after .+ UTC\.$/,
      );
      await expect
        .poll(() => page.evaluate("document.activeElement && document.activeElement.id"))
        .toBe("error-summary-title");
      expect(await page.locator('input[name="q.usage"][value="cloud"]').isChecked()).toBe(true);
      expect(await page.locator('input[name="q.versions"][value="v10"]').isChecked()).toBe(true);
      expect(await page.locator("#q-improve").inputValue()).toBe("Faster mirrors");
      expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(width);
      await expectNoAxeViolations(page, `the 429 page at ${width} px`);
      await context.close();
    }
    expect(await listResponses(s.db, "example")).toHaveLength(1);
  });
});

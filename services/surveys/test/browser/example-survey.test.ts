import { listResponses } from "@agora/db";
import { Hono } from "hono";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleSurveyOnOnePage } from "../../src/testing/index.ts";
import { addSurvey, surveyTestApp, validExampleAnswers, type SurveyTestApp } from "../page/page-harness.ts";
import {
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutScripts,
  launchChromium,
  recordHosts,
  serveOnLoopback,
  type LoopbackServer,
} from "./chromium.ts";

let s: SurveyTestApp;
let server: LoopbackServer;
let browser: Browser;
const hosts: Set<string>[] = [];

beforeAll(async () => {
  s = await surveyTestApp("pglite", { allRoutes: true });
  // Every question on one page, as the tests below walk it; test/browser/paged-survey.test.ts
  // walks the file's pages.
  await addSurvey(s.db, exampleSurveyOnOnePage());
  [server, browser] = await Promise.all([serveOnLoopback(s.app), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await s?.close();
});

async function openPage(javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  hosts.push(recordHosts(page));
  return page;
}

/** Selects a radio or ticks a checkbox the way a keyboard user does: focus it, press Space. */
async function press(page: Page, id: string, key = "Space") {
  await page.locator(`#${id}`).focus();
  await page.keyboard.press(key);
}

/** Sends the form and waits for the re-rendered page: the URL stays /s/example, so it cannot be awaited. */
async function refusedSend(page: Page, send: () => Promise<void>) {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), send()]);
  expect(response.status()).toBe(400);
  await page.locator(".error-summary").waitFor();
}

async function newAnswer(before: { id: string }[]) {
  const after = await listResponses(s.db, "example");
  expect(after).toHaveLength(before.length + 1);
  return after.find((r) => !before.some((b) => b.id === r.id))!;
}

describe("the example survey in headless Chromium", () => {
  it("is sent with JavaScript off, by keyboard, through an error summary, to the thanks page; with no axe violations", async () => {
    const page = await openPage(false);
    await page.goto(`${server.url}/s/example`);
    await expectNoAxeViolationsWithoutScripts(browser, page, "the empty form", hosts[0]);
    // Without JavaScript the conditional question is on the page, with its hint.
    expect(await page.locator("#question-sig_which").isVisible()).toBe(true);
    await expect.poll(() => page.locator("#hint-sig_which").textContent()).toContain("Answer only if");

    await page.locator("#q-usage").focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowDown");
    await page.locator("button[type=submit]").focus();
    await refusedSend(page, () => page.keyboard.press("Enter"));
    const links = page.locator(".error-summary a");
    expect(await links.allTextContents()).toEqual([
      "Question 2: Which major versions do you run? — Answer this question.",
      "Question 5: How happy are you with the distribution overall? — Answer this question.",
      "Question 6: How likely are you to recommend it to a colleague? — Answer this question.",
    ]);
    expect(await page.locator("#q-usage--cloud").isChecked()).toBe(true);
    await expectNoAxeViolationsWithoutScripts(browser, page, "the form with errors", hosts[0]);
    await links.first().click();
    expect(new URL(page.url()).hash).toBe("#q-versions");

    const before = await listResponses(s.db, "example");
    await press(page, "q-versions--v9");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space");
    await page.locator("#q-machines").focus();
    await page.keyboard.type("250");
    await press(page, "q-satisfaction");
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    await press(page, "q-recommend--9");
    await press(page, "q-support-docs--good");
    await press(page, "q-sig_interest--yes");
    await page.locator("#q-sig_which").focus();
    await page.keyboard.type("Cloud SIG");
    for (const [option, position] of [
      ["docs", "1"],
      ["faster_updates", "2"],
      ["hardware", "3"],
      ["cloud_images", "4"],
    ]) {
      await page.locator(`#q-priorities-${option}`).selectOption(position!);
    }
    await page.locator("#q-improve").focus();
    await page.keyboard.type("Faster mirrors");
    await page.locator("button[type=submit]").focus();
    await page.keyboard.press("Enter");

    await page.waitForURL(`${server.url}/s/example/thanks?lang=en`);
    expect(await page.title()).toBe("Answer stored: Community survey 2026");
    expect(await page.locator("h1").textContent()).toBe("Community survey 2026");
    expect(await page.locator("p.thanks").textContent()).toBe(
      "Thank you! Your answer is stored without anything that points back to you.",
    );
    expect(await page.getByRole("link", { name: "See the results so far" }).getAttribute("href")).toBe(
      "/s/example/results?lang=en",
    );
    await expectNoAxeViolationsWithoutScripts(browser, page, "the thanks page", hosts[0]);
    const stored = await newAnswer(before);
    expect(stored.answers).toEqual({
      usage: "cloud",
      versions: ["v9", "v10"],
      machines: 250,
      satisfaction: 4,
      recommend: 9,
      support: { docs: "good" },
      sig_interest: "yes",
      priorities: ["docs", "faster_updates", "hardware", "cloud_images"],
    });
    expect(stored.texts).toEqual({ sig_which: "Cloud SIG", improve: "Faster mirrors" });
    await page.context().close();
  });

  it("with JavaScript on hides and shows the conditional question live, focuses the error summary, and is sent in German", async () => {
    const page = await openPage(true);
    await page.goto(`${server.url}/s/example?lang=de`);
    const conditional = page.locator("#question-sig_which");
    expect(await conditional.isHidden()).toBe(true);
    await press(page, "q-sig_interest--yes");
    await expect.poll(() => conditional.isVisible()).toBe(true);
    await page.keyboard.press("ArrowDown");
    expect(await page.locator("#q-sig_interest--no").isChecked()).toBe(true);
    await expect.poll(() => conditional.isHidden()).toBe(true);
    await page.keyboard.press("ArrowUp");
    await expect.poll(() => conditional.isVisible()).toBe(true);
    await page.locator("#q-sig_which").fill("Kernel-SIG");
    await expectNoAxeViolations(page, "the form with JavaScript on");

    await refusedSend(page, () => page.locator("button[type=submit]").click());
    expect(await page.evaluate("document.activeElement && document.activeElement.id")).toBe("error-summary-title");
    expect(await page.locator("#error-summary-title").textContent()).toBe("Mit Ihren Antworten stimmt etwas nicht");
    // Kept after the re-render, and still shown since its condition holds.
    expect(await conditional.isVisible()).toBe(true);
    expect(await page.locator("#q-sig_which").inputValue()).toBe("Kernel-SIG");

    const before = await listResponses(s.db, "example");
    await press(page, "q-usage--homelab");
    await press(page, "q-versions--kitten");
    await press(page, "q-satisfaction--5");
    await press(page, "q-recommend--10");
    await page.locator("button[type=submit]").click();
    await page.waitForURL(`${server.url}/s/example/thanks?lang=de`);
    expect(await page.locator("p.thanks").textContent()).toBe(
      "Danke! Ihre Antwort ist ohne jeden Hinweis auf Sie gespeichert.",
    );
    const stored = await newAnswer(before);
    expect(stored.answers).toEqual({
      usage: "homelab",
      versions: ["kitten"],
      satisfaction: 5,
      recommend: 10,
      sig_interest: "yes",
    });
    expect(stored.texts).toEqual({ sig_which: "Kernel-SIG" });
    await page.context().close();
  });

  it("refuses the survey's form posted from a page of another origin, and stores nothing", async () => {
    const other = new Hono();
    other.get("/", (c) =>
      c.html(
        `<form method="post" action="${server.url}/s/example">${Object.entries(validExampleAnswers)
          .flatMap(([name, values]) => [values].flat().map((v) => `<input type="hidden" name="${name}" value="${v}">`))
          .join("")}<button>Win a prize</button></form>`,
      ),
    );
    const attacker = await serveOnLoopback(other);
    try {
      const page = await openPage(false);
      const before = await listResponses(s.db, "example");
      await page.goto(`${attacker.url}/`);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        page.locator("button").click(),
      ]);
      expect(response.status()).toBe(403);
      expect(await page.locator("h1").textContent()).toBe("Answers refused");
      expect(await listResponses(s.db, "example")).toHaveLength(before.length);
      await page.context().close();
    } finally {
      await attacker.close();
    }
  });

  it("has an axe check that does report a violation (an unlabelled field)", async () => {
    const page = await openPage(true);
    await page.goto(`${server.url}/s/example`);
    await page.locator("label[for=q-machines]").evaluate((label) => label.remove());
    await expect(expectNoAxeViolations(page, "a broken form")).rejects.toThrow(/label/);
    await page.context().close();
  });

  it("asked no host but 127.0.0.1", () => {
    expect(hosts.length).toBe(4);
    const all = new Set(hosts.flatMap((h) => [...h]));
    expect(all).toEqual(new Set(["127.0.0.1"]));
  });
});

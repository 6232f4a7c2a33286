import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { countInvites } from "@agora/db";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleSurvey, generateAnswers } from "../../src/testing/index.ts";
import { ADMIN_TOKEN, adminHarness, testSurvey } from "../admin/admin-harness.ts";
import {
  expectNoAxeViolations,
  launchChromium,
  recordHosts,
  serveOnLoopback,
  type LoopbackServer,
} from "../browser/chromium.ts";
import { seedSurvey } from "../results/results-fixtures.ts";

// Where to keep screenshots of each admin page at 1280 and 360 px, when asked for.
const shots = process.env.AGORA_SCREENSHOTS;
if (shots) mkdirSync(shots, { recursive: true });

/**
 * The admin pages in headless Chromium with JavaScript off, as an admin without it uses them:
 * sign in, list, one survey, preview, open, results, invitations, sign out; axe on each page,
 * and no page wider than a 360 px screen.
 */
describe("the survey admin pages in headless Chromium", () => {
  const h = adminHarness("pglite", { routes: "all" });
  let server: LoopbackServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let hosts: Set<string>;

  beforeAll(async () => {
    const example = exampleSurvey();
    await seedSurvey(h.db, example, generateAnswers(example, 60, 7));
    await h.request(
      "POST",
      "/api/surveys",
      testSurvey("draft-2026", { title: { en: "Tooling survey 2026, a draft with a rather long title" } }),
    );
    [server, browser] = await Promise.all([serveOnLoopback(h.app), launchChromium()]);
    context = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true });
    page = await context.newPage();
    hosts = recordHosts(page);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  /**
   * axe on what the page shows without JavaScript, at both widths (a table that scrolls in its
   * own box on a phone is a rule of its own). As in expectNoAxeViolationsWithoutScripts, the
   * page's HTML is served again to a page whose scripts are blocked, since axe needs timers.
   */
  async function axeAt(name: string, width: number) {
    const [body, url] = [await page.content(), page.url()];
    const checking = await browser.newContext({ viewport: { width, height: 800 } });
    try {
      const checker = await checking.newPage();
      checker.on("request", (request) => hosts.add(new URL(request.url()).hostname));
      await checker.route(
        (u) => u.pathname.endsWith(".js"),
        (route) => route.abort(),
      );
      await checker.route(
        (u) => u.href === url,
        (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body }),
      );
      await checker.goto(url);
      await expectNoAxeViolations(checker, `admin: ${name} at ${width} px`);
    } finally {
      await checking.close();
    }
  }

  /** axe at 1280 and 360 px, the page's width at both, and screenshots. */
  async function check(name: string) {
    for (const width of [1280, 360]) {
      await axeAt(name, width);
      await page.setViewportSize({ width, height: 800 });
      const wide = (await page.evaluate("document.documentElement.scrollWidth")) as number;
      expect(wide, `${name} at ${width} px`).toBeLessThanOrEqual(width);
      if (shots) await screenshots(name, width);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  /** The whole page, and a long one again in parts of 1,400 px that an image viewer shows at full size. */
  async function screenshots(name: string, width: number) {
    await page.screenshot({ path: join(shots!, `${name}-${width}.png`), fullPage: true });
    const height = (await page.evaluate("document.documentElement.scrollHeight")) as number;
    if (height <= 1600) return;
    for (let y = 0, part = 1; y < height; y += 1400, part++) {
      await page.screenshot({
        path: join(shots!, `${name}-${width}-part${part}.png`),
        fullPage: true,
        clip: { x: 0, y, width, height: Math.min(1400, height - y) },
      });
    }
  }

  it("runs a survey from sign-in to invitations and sign-out, with no axe violations and nothing wider than 360 px", async () => {
    await page.goto(`${server.url}/admin`);
    expect(new URL(page.url()).pathname).toBe("/admin/sign-in");
    await check("sign-in");

    await page.fill("#token", "a wrong token");
    await page.click("button[type=submit]");
    await page.locator(".error-summary").waitFor();
    await check("sign-in-error");

    await page.fill("#token", ADMIN_TOKEN);
    await Promise.all([page.waitForURL(`${server.url}/admin`), page.click("main button[type=submit]")]);
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: "agora_admin_session", path: "/admin", httpOnly: true, sameSite: "Strict" });
    expect(await page.locator("tbody tr").count()).toBe(2);
    await check("list");

    await page.click("text=New survey");
    await page.locator("textarea#definition").waitFor();
    await check("editor");
    await page.fill(
      "#definition",
      "slug: from-chromium\ntitle: Made in Chromium\nquestions:\n  - id: q1\n    type: single_choise\n    title: Which?\n",
    );
    await page.click("main button[type=submit]");
    await page.locator("#problems-in-place .problem-line").waitFor();
    await check("editor-errors");
    await page.fill(
      "#definition",
      "slug: from-chromium\ntitle: Made in Chromium\nquestions:\n  - id: q1\n    type: short_text\n    title: Which?\n",
    );
    await Promise.all([
      page.waitForURL(`${server.url}/admin/surveys/from-chromium?done=created`),
      page.click("main button[type=submit]"),
    ]);
    await page.goto(`${server.url}/admin`);

    await page.click("text=Tooling survey 2026, a draft with a rather long title");
    await page.locator("h1", { hasText: "Tooling survey 2026" }).waitFor();
    await check("detail");

    await page.click("text=Preview as members see it");
    await page.locator(".preview-banner").waitFor();
    await check("preview");
    await page.click(".survey-form button[type=submit]");
    await page.locator(".error-summary, .preview-banner [role=status]").first().waitFor();
    await check("preview-sent");

    await page.click("text=Back to the survey");
    await page.click("button:has-text('Open')");
    await page.locator(".notice", { hasText: "The survey is open." }).waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("text=Download links as CSV")]);
    expect(download.suggestedFilename()).toBe("draft-2026-invites.csv");
    expect(await countInvites(h.db, "draft-2026")).toBe(10);

    await page.goto(`${server.url}/admin/surveys/example/results?x=usage&y=satisfaction`);
    await page.locator("h1").waitFor();
    expect(await page.locator("details summary").count()).toBeGreaterThan(0);
    expect(await page.locator("table caption", { hasText: "(rows) by" }).count()).toBe(1);
    await check("results");

    await page.goto(`${server.url}/admin/surveys/draft-2026`);
    await page.click("button:has-text('Close')");
    await page.locator(".notice", { hasText: "The survey is closed." }).waitFor();

    await page.click("text=Sign out");
    await page.waitForURL(`${server.url}/admin/sign-in`);
    expect(await context.cookies()).toEqual([]);
    expect([...hosts]).toEqual(["127.0.0.1"]);
  });

  it("builds a survey with several question types and a show-if from nothing in the form builder, saves it and previews it", async () => {
    /** A button of the builder: each one posts the whole form, and the next page replaces this one. */
    const press = async (name: string) => {
      await Promise.all([page.waitForEvent("load"), page.click(`main button:has-text('${name}')`)]);
    };
    const add = async (type: string) => {
      await page.selectOption("#f-new_type", type);
      await press("Add the question");
    };
    await page.goto(`${server.url}/admin/sign-in`);
    await page.fill("#token", ADMIN_TOKEN);
    await Promise.all([page.waitForURL(`${server.url}/admin`), page.click("main button[type=submit]")]);
    await page.click("text=New survey in the form builder");
    await page.locator("text=No questions yet").waitFor();
    await check("builder-empty");

    await page.fill("#f-slug", "built-in-chromium");
    await page.fill("#f-languages", "en, de");
    await press("Apply changes");
    await page.fill("#f-title-en", "Desktops 2026");
    await page.fill("#f-title-de", "Desktops 2026");
    await page.check("#f-results-public");
    await add("single_choice");
    await page.fill("#f-questions-0-id", "desktop");
    await page.fill("#f-questions-0-title-en", "Which desktop do you use?");
    await page.fill("#f-questions-0-title-de", "Welchen Desktop nutzt du?");
    await page.check("#f-questions-0-required");
    await page.fill("#f-questions-0-options-0-id", "gnome");
    await page.fill("#f-questions-0-options-0-label-en", "GNOME");
    await page.fill("#f-questions-0-options-0-label-de", "GNOME");
    await page.fill("#f-questions-0-options-1-id", "kde");
    await page.fill("#f-questions-0-options-1-label-en", "KDE Plasma");
    await page.fill("#f-questions-0-options-1-label-de", "KDE Plasma");
    await press("Add an option");
    await page.fill("#f-questions-0-options-2-id", "xfce");
    await page.fill("#f-questions-0-options-2-label-en", "Xfce");
    await page.fill("#f-questions-0-options-2-label-de", "Xfce");
    await add("number");
    await page.fill("#f-questions-1-id", "gnome_years");
    await page.fill("#f-questions-1-title-en", "For how many years?");
    await page.fill("#f-questions-1-min", "0");
    await page.check("#f-questions-1-integer");
    await page.selectOption("#f-questions-1-show_if-question", "desktop");
    await page.selectOption("#f-questions-1-show_if-kind", "equals");
    await page.fill("#f-questions-1-show_if-value", "gnome");
    await add("likert");
    await page.fill("#f-questions-2-title-en", "How far do you agree?");
    await page.fill("#f-questions-2-title-de", "Wie sehr stimmst du zu?");
    await add("long_text");
    await page.fill("#f-questions-3-title-en", "One wish?");
    await page.fill("#f-questions-3-title-de", "Ein Wunsch?");

    // Saved with the number question's German title left out: refused, the problem beside its field.
    await press("Save draft");
    await page.locator(".error-summary a[href='#f-questions-1-title']").waitFor();
    expect(await page.locator("#f-questions-1-title-error").textContent()).toBe("has no text for de");
    await check("builder-errors");
    await page.click(".error-summary a[href='#f-questions-1-title']");
    await page.fill("#f-questions-1-title-de", "Seit wie vielen Jahren?");
    await press("Move up question 4");
    expect(await page.inputValue("#f-questions-2-title-en")).toBe("One wish?");
    await check("builder-filled");

    // The YAML view holds the same definition, and back again changes nothing.
    await press("Edit as YAML");
    expect(await page.inputValue("#definition")).toContain("show_if:\n      question: desktop\n      equals: gnome");
    await press("Switch to the form builder");
    expect(await page.inputValue("#f-questions-1-show_if-value")).toBe("gnome");

    await Promise.all([
      page.waitForURL(`${server.url}/admin/surveys/built-in-chromium?done=created`),
      page.click("main button:has-text('Save draft')"),
    ]);
    const stored = await (await h.request("GET", "/api/surveys/built-in-chromium")).json();
    expect(stored).toMatchObject({
      state: "draft",
      definition: { languages: ["en", "de"], title: "Desktops 2026", results: { public: true } },
    });
    expect(stored.definition.questions.map((q: { id: string; type: string }) => `${q.id}:${q.type}`)).toEqual([
      "desktop:single_choice",
      "gnome_years:number",
      "q4:long_text",
      "q3:likert",
    ]);
    expect(stored.definition.questions[1]).toMatchObject({
      integer: true,
      min: 0,
      show_if: { question: "desktop", equals: "gnome" },
    });

    await page.click("text=Preview as members see it");
    await page.locator(".preview-banner").waitFor();
    expect(await page.locator("main h1").textContent()).toBe("Desktops 2026");
    await page.getByLabel("GNOME", { exact: true }).check();
    await page.fill("input[name='q.gnome_years']", "4");
    await Promise.all([page.waitForEvent("load"), page.click(".survey-form button[type=submit]")]);
    await page.locator(".preview-banner [role=status]", { hasText: "would be accepted" }).waitFor();

    await page.goto(`${server.url}/admin/surveys/built-in-chromium/builder`);
    await page.locator("#f-slug[readonly]").waitFor();
    await check("builder-edit");
    expect([...hosts]).toEqual(["127.0.0.1"]);
  });
});

import { countInvites, listResponses } from "@agora/db";
import { freshDatabase, type TestDatabase } from "@agora/db/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBlindToken } from "../../src/cli/index.ts";
import { exampleAnswers, startBlindSurveyServer, type BlindSurveyServer } from "./blind-survey-server.ts";
import { expectNoAxeViolations, launchChromium } from "../browser/chromium.ts";

let t: TestDatabase;
let server: BlindSurveyServer;
let browser: Browser;

beforeAll(async () => {
  t = await freshDatabase("pglite");
  server = await startBlindSurveyServer(t.db);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

async function cliToken(slug: string, credential: string): Promise<string> {
  const out: string[] = [];
  const code = await runBlindToken(
    ["--url", server.url, "--survey", slug, "--credential-env", "CREDENTIAL"],
    { out: (l) => out.push(l), err: () => {} },
    { CREDENTIAL: credential },
  );
  expect(code).toBe(0);
  return out.join("");
}

/** The answers as curl or a browser without JavaScript posts them. */
const postAnswers = (slug: string, token: string) =>
  fetch(`${server.url}/s/${slug}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams([...exampleAnswers, ["token", token]]),
  });

describe("a blind survey answered through its page", () => {
  it("refuses a token of another survey and a made-up one, storing nothing", async () => {
    const one = await server.openBlindSurvey(1);
    const other = await server.openBlindSurvey(1);
    const foreign = await cliToken(other.slug, other.credentials[0]!);
    const [prepared] = foreign.split(".");
    for (const token of [foreign, `${prepared}.${"A".repeat(342)}`]) {
      const res = await postAnswers(one.slug, token);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("This token is not valid for this survey.");
    }
    expect(await listResponses(t.db, one.slug)).toHaveLength(0);
    expect(await countInvites(t.db, one.slug)).toBe(1);
  });

  it("lets a member with JavaScript on get a token in the page, answer and see the thanks page", async () => {
    const { slug, credentials } = await server.openBlindSurvey(1);
    const page = await browser.newPage({ javaScriptEnabled: true });
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("request", (r) => !r.url().startsWith(server.url) && problems.push(`request to another host: ${r.url()}`));
    await page.goto(`${server.url}/s/${slug}`);
    await expectNoAxeViolations(page, "the blind survey's page with the token helper");
    await page.getByLabel("Membership code").fill(credentials[0]!);
    await page.getByRole("button", { name: "Get my anonymous token" }).click();
    await expect.poll(() => page.getByRole("status").textContent(), { timeout: 20_000 }).toContain("filled in");
    expect(await page.locator("#token").inputValue()).toMatch(/^[A-Za-z0-9_-]{86}\.[A-Za-z0-9_-]{342}$/);
    await expectNoAxeViolations(page, "the blind survey's page with the token helper, after getting a token");

    // The example is in pages: the token got on the first page travels on as a hidden field.
    const next = async () => {
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        page.getByRole("button", { name: "Next", exact: true }).click(),
      ]);
      await page.waitForLoadState();
    };
    await page.locator('input[name="q.usage"][value="cloud"]').check();
    await page.locator('input[name="q.versions"][value="v10"]').check();
    await next();
    await page.locator('input[name="q.satisfaction"][value="4"]').check();
    await page.locator('input[name="q.recommend"][value="9"]').check();
    await next();
    await Promise.all([page.waitForURL(/\/thanks/), page.getByRole("button", { name: "Send my answers" }).click()]);
    expect(await page.title()).toMatch(/^Answer stored: /);
    expect(await listResponses(t.db, slug)).toHaveLength(1);
    expect(await countInvites(t.db, slug)).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});

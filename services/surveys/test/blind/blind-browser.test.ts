import { countInvites, getSurvey, listResponses } from "@agora/db";
import { freshDatabase, type TestDatabase } from "@agora/db/testing";
import { html } from "hono/html";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyBlindToken } from "../../src/blind/verify-blind-token.ts";
import { exampleAnswers, startBlindSurveyServer, type BlindSurveyServer } from "./blind-survey-server.ts";
import { launchChromium } from "../browser/chromium.ts";

let t: TestDatabase;
let server: BlindSurveyServer;
let browser: Browser;

// The blind section as the survey page renders it (src/page), served by the test so the script
// is exercised in a real browser against the real signing routes, under the app's CSP.
function blindSectionPage(slug: string) {
  return html`<!doctype html>
    <html lang="en">
      <head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>Blind survey</title></head>
      <body>
        <form method="post" action="/s/${slug}">
          <section id="blind-token-section" data-blind-survey="${slug}">
            <h2>Your anonymous token</h2>
            <p>Get a token with your membership code, then answer with it.</p>
            <label for="token">Anonymous token</label>
            <input id="token" name="token" type="text" required />
          </section>
        </form>
        <script src="/assets/survey-blind.js" defer></script>
      </body>
    </html>`;
}

beforeAll(async () => {
  t = await freshDatabase("pglite");
  server = await startBlindSurveyServer(t.db, (app) =>
    app.get("/test/blind-section/:slug", (c) => c.html(blindSectionPage(c.req.param("slug")))),
  );
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

async function openSection(slug: string, query = ""): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ javaScriptEnabled: true });
  const problems: string[] = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("request", (r) => !r.url().startsWith(server.url) && problems.push(`request to another host: ${r.url()}`));
  await page.goto(`${server.url}/test/blind-section/${slug}${query}`);
  return { page, problems };
}

describe("the blind-token script in Chromium", () => {
  it("turns a membership code into a token that verifies, fills the token field and announces it", async () => {
    const { slug, credentials } = await server.openBlindSurvey(1);
    const { page, problems } = await openSection(slug);
    await page.getByLabel("Membership code").fill(credentials[0]!);
    await page.getByRole("button", { name: "Get my anonymous token" }).click();
    const status = page.getByRole("status");
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toContain("Your anonymous token is filled in");
    expect(await status.getAttribute("aria-live")).toBe("polite");

    // The steps read in order: the code and its button come before the token's label.
    // (A string, as the tests are type-checked without the DOM's types.)
    const order = await page.evaluate(`[...document.getElementById("blind-token-section").children]
      .map((e) => e.id || e.tagName.toLowerCase() + (e.htmlFor ? "[for=" + e.htmlFor + "]" : ""))`);
    expect(order).toEqual(["h2", "p", "div", "label[for=token]", "token"]);
    const token = await page.getByLabel("Anonymous token").inputValue();
    expect(token).toMatch(/^[A-Za-z0-9_-]{86}\.[A-Za-z0-9_-]{342}$/);
    const publicKey = (await getSurvey(t.db, slug))!.blindPublicKey!;
    expect(verifyBlindToken(publicKey, token)).toBe(true);
    expect(await countInvites(t.db, slug)).toBe(0);
    // The code field has no name, so the form never sends it with the answers, and it is cleared.
    expect(await page.locator("#blind-credential").getAttribute("name")).toBeNull();
    expect(await page.getByLabel("Membership code").inputValue()).toBe("");

    // The page's own POST takes it (blind-page.test.ts goes through the whole page in the browser).
    const answered = await fetch(`${server.url}/s/${slug}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams([...exampleAnswers, ["token", token]]),
    });
    expect(answered.status).toBe(303);
    expect(await listResponses(t.db, slug)).toHaveLength(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("announces why no token came when the code is spent or missing", async () => {
    const { slug } = await server.openBlindSurvey(1);
    const { page } = await openSection(slug);
    const status = page.getByRole("status");
    await page.getByRole("button", { name: "Get my anonymous token" }).click();
    await expect.poll(() => status.textContent()).toBe("Enter your membership code first.");
    await page.getByLabel("Membership code").fill("not-a-member");
    await page.getByRole("button", { name: "Get my anonymous token" }).click();
    await expect
      .poll(() => status.textContent(), { timeout: 20_000 })
      .toContain("No token: body.credential: not a valid credential");
    expect(await page.getByLabel("Anonymous token").inputValue()).toBe("");
    await page.close();
  });

  it("takes the membership code from an invite link into the code field and out of the address bar", async () => {
    const { slug, credentials } = await server.openBlindSurvey(1);
    const { page, problems } = await openSection(slug, `?token=${credentials[0]}&lang=en`);
    expect(await page.getByLabel("Membership code").inputValue()).toBe(credentials[0]);
    expect(await page.getByLabel("Anonymous token").inputValue()).toBe("");
    expect(new URL(page.url()).search).toBe("?lang=en");
    await page.getByRole("button", { name: "Get my anonymous token" }).click();
    await expect.poll(() => page.getByRole("status").textContent(), { timeout: 20_000 }).toContain("filled in");
    expect(
      verifyBlindToken(
        (await getSurvey(t.db, slug))!.blindPublicKey!,
        await page.getByLabel("Anonymous token").inputValue(),
      ),
    ).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
});

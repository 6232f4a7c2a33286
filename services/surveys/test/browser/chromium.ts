import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { serve } from "@hono/node-server";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect } from "vitest";

/** Debian's Chromium (the CI installs it), headless, with nothing that reaches other hosts on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.AGORA_CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface LoopbackServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `app` over real HTTP on 127.0.0.1 and a free port, as `npm start` would serve it. */
export function serveOnLoopback(app: {
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>;
}): Promise<LoopbackServer> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

/** Every host a page asked for, to show that nothing went to a CDN, a font host or analytics. */
export function recordHosts(page: Page): Set<string> {
  const hosts = new Set<string>();
  page.on("request", (request) => {
    const url = new URL(request.url());
    hosts.add(url.protocol === "data:" ? "data:" : url.hostname);
  });
  return hosts;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core on the page as it is now, for WCAG 2.0 A/AA and 2.1 AA. The source is
 * evaluated through the DevTools protocol, which the page's CSP (no inline script) does not
 * govern, so the page is checked under its real policy.
 */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  await page.evaluate(axeSource);
  // A string, run in the page: the tests are type-checked without the DOM's types.
  const run = `axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa"] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`;
  const violations = (await page.evaluate(run)) as AxeViolation[];
  expect(violations, `axe on ${what}`).toEqual([]);
}

/**
 * Runs axe on what a page without JavaScript shows. Chromium with scripting off runs no timers,
 * and axe needs them; so the page's HTML is served again, at its own URL, to a page where the
 * DevTools protocol may run axe while the page's own scripts (files only: the CSP allows no
 * inline script) are blocked, which leaves exactly the page a member without JavaScript sees.
 */
export async function expectNoAxeViolationsWithoutScripts(
  browser: Browser,
  shown: Page,
  what: string,
  hosts?: Set<string>,
): Promise<void> {
  const html = await shown.content();
  const url = shown.url();
  const context = await browser.newContext();
  try {
    const checker = await context.newPage();
    if (hosts) checker.on("request", (request) => hosts.add(new URL(request.url()).hostname));
    await checker.route(
      (u) => u.pathname.endsWith(".js"),
      (route) => route.abort(),
    );
    await checker.route(
      (u) => u.href === url,
      (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
    );
    await checker.goto(url);
    await expectNoAxeViolations(checker, what);
  } finally {
    await context.close();
  }
}

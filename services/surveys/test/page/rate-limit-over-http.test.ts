import { listResponses } from "@agora/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveOnLoopback, type LoopbackServer } from "../browser/chromium.ts";
import {
  addSurvey,
  favouriteQuestion,
  formBody,
  formHeaders,
  surveyTestApp,
  type SurveyTestApp,
} from "./page-harness.ts";

// The limiter's default address is the connection's, which only a real server has.
describe("the rate limit of an open survey over real HTTP", () => {
  let s: SurveyTestApp;
  let server: LoopbackServer;
  beforeAll(async () => {
    s = await surveyTestApp("pglite", { page: { rateLimit: { limit: 2, windowMs: 60_000 } } });
    await addSurvey(s.db, {
      slug: "busy",
      title: "Busy",
      questions: [favouriteQuestion()],
    });
    server = await serveOnLoopback(s.app);
  });
  afterAll(async () => {
    await server?.close();
    await s?.close();
  });

  it("counts submits by the connection's address and answers 429 with a page over the limit", async () => {
    const send = () =>
      fetch(`${server.url}/s/busy`, {
        method: "POST",
        redirect: "manual",
        headers: formHeaders,
        body: formBody({ "q.fav": "a" }),
      });
    expect((await send()).status).toBe(303);
    expect((await send()).status).toBe(303);
    const over = await send();
    expect(over.status).toBe(429);
    expect(over.headers.get("content-type")).toMatch(/^text\/html/);
    expect(over.headers.get("retry-after")).toMatch(/^(?:[1-5]?[0-9]|60)$/);
    const page = await over.text();
    expect(page).toContain('<h2 id="error-summary-title" tabindex="-1">Too many answers</h2>');
    // The answers come back in the form, to send again later.
    expect(page).toMatch(/<input type="radio"[^>]* value="a"[^>]* checked/);
    expect(await listResponses(s.db, "busy")).toHaveLength(2);
    // Without a trusted proxy, X-Forwarded-For is the client's own word and is ignored.
    const forged = await fetch(`${server.url}/s/busy`, {
      method: "POST",
      redirect: "manual",
      headers: { ...formHeaders, "x-forwarded-for": "203.0.113.9" },
      body: formBody({ "q.fav": "a" }),
    });
    expect(forged.status).toBe(429);
    // In-process requests have no connection, hence no address, and are not limited.
    const inProcess = await s.app.request("/s/busy", {
      method: "POST",
      headers: formHeaders,
      body: formBody({ "q.fav": "b" }),
    });
    expect(inProcess.status).toBe(303);
  });
});

describe("the rate limit behind a trusted reverse proxy", () => {
  let s: SurveyTestApp;
  let server: LoopbackServer;
  beforeAll(async () => {
    // The test's requests come from 127.0.0.1, standing in for the proxy.
    s = await surveyTestApp("pglite", {
      page: { rateLimit: { limit: 2, windowMs: 60_000 } },
      trustedProxies: ["127.0.0.0/8", "10.0.0.0/8"],
    });
    await addSurvey(s.db, {
      slug: "proxied",
      title: "Proxied",
      questions: [favouriteQuestion()],
    });
    server = await serveOnLoopback(s.app);
  });
  afterAll(async () => {
    await server?.close();
    await s?.close();
  });

  const send = (forwardedFor: string) =>
    fetch(`${server.url}/s/proxied`, {
      method: "POST",
      redirect: "manual",
      headers: { ...formHeaders, "x-forwarded-for": forwardedFor },
      body: formBody({ "q.fav": "a" }),
    });

  it("counts each member by the nearest address in X-Forwarded-For that is not a proxy", async () => {
    expect((await send("203.0.113.7")).status).toBe(303);
    expect((await send("203.0.113.7, 10.1.2.3")).status).toBe(303);
    expect((await send("203.0.113.7")).status).toBe(429);
    // Another member behind the same proxy has a budget of their own.
    expect((await send("203.0.113.8")).status).toBe(303);
  });

  it("ignores addresses the client wrote in front of its own", async () => {
    expect((await send("198.51.100.1, 203.0.113.7")).status).toBe(429);
    expect((await send("198.51.100.2, 203.0.113.7")).status).toBe(429);
  });
});

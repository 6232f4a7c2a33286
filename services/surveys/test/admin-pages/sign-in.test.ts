import { createHash } from "node:crypto";
import { dialects } from "@agora/db/testing";
import { describe, expect, it } from "vitest";
import { adminHarness, testSurvey } from "../admin/admin-harness.ts";
import { AdminBrowser } from "./admin-pages-harness.ts";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe.each(dialects)("admin pages: signing in and out on %s", (dialect) => {
  const h = adminHarness(dialect, { routes: "all" });

  it("sends a visitor without a session to the sign-in page, which sets no cookie", async () => {
    const b = new AdminBrowser(h);
    const list = await b.get("/admin");
    expect(list.status).toBe(303);
    expect(list.headers.get("location")).toBe("/admin/sign-in");
    const page = await b.get("/admin/sign-in");
    expect(page.status).toBe(200);
    expect(page.headers.get("set-cookie")).toBeNull();
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(await page.text()).toContain('<input type="password" id="token" name="token"');
  });

  it("signs in with the admin token: a cookie for /admin only, HttpOnly, SameSite=Strict, Secure on an HTTPS site, two hours", async () => {
    const b = new AdminBrowser(h);
    const set = await b.signIn();
    const attributes = set.split(";").map((a) => a.trim());
    expect(attributes).toEqual(
      expect.arrayContaining(["Path=/admin", "HttpOnly", "SameSite=Strict", "Secure", "Max-Age=7200"]),
    );
    expect(b.cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Stored by its hash only: the cookie's value is nowhere in the table.
    const rows = await h.db.query<{ session_sha256: string; admin_token_sha256: string }>(
      "select session_sha256, admin_token_sha256 from agora_survey_admin_session",
    );
    expect(rows.map((r) => r.session_sha256)).toContain(sha256(b.cookie!));
    expect(JSON.stringify(rows)).not.toContain(b.cookie);
    const list = await b.get("/admin");
    expect(list.status).toBe(200);
    expect(await list.text()).toContain("<h1>Surveys</h1>");
  });

  it("refuses a wrong or empty token with 401 and the form again, setting no cookie", async () => {
    const b = new AdminBrowser(h);
    for (const token of ["not-the-token", ""]) {
      const res = await b.post("/admin/sign-in", { token });
      expect(res.status).toBe(401);
      expect(res.headers.get("set-cookie")).toBeNull();
      const html = await res.text();
      expect(html).toContain('class="error-summary"');
      expect(html).toContain('aria-invalid="true"');
    }
  });

  it("refuses a sign-in posted from another site before reading the token", async () => {
    const b = new AdminBrowser(h);
    const res = await b.post(
      "/admin/sign-in",
      { token: "admin-token-for-tests-0123456789" },
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    );
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("signs out: the session is deleted on the server, so the old cookie opens nothing", async () => {
    const b = new AdminBrowser(h);
    await b.signIn();
    const csrf = await b.csrf();
    const stolen = b.cookie;
    const out = await b.post("/admin/sign-out", { csrf });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/admin/sign-in");
    expect(out.headers.get("set-cookie")).toMatch(/^agora_admin_session=; .*Max-Age=0/);
    b.cookie = stolen;
    expect((await b.get("/admin")).status).toBe(303);
    const rows = await h.db.query("select 1 from agora_survey_admin_session where session_sha256 = $1", [
      sha256(stolen!),
    ]);
    expect(rows).toHaveLength(0);
  });

  it("ends a session after two hours", async () => {
    const b = new AdminBrowser(h);
    const started = h.clock.now;
    await b.signIn();
    try {
      h.clock.now = new Date(started.getTime() + 2 * 60 * 60 * 1000 - 1000);
      expect((await b.get("/admin")).status).toBe(200);
      h.clock.now = new Date(started.getTime() + 2 * 60 * 60 * 1000);
      expect((await b.get("/admin")).status).toBe(303);
    } finally {
      h.clock.now = started;
    }
  });

  it("ignores a made-up cookie", async () => {
    const b = new AdminBrowser(h);
    b.cookie = "A".repeat(43);
    expect((await b.get("/admin")).status).toBe(303);
  });

  it("refuses every form without the session's form token, and changes nothing", async () => {
    await h.request("POST", "/api/surveys", testSurvey("csrf-draft"));
    const b = new AdminBrowser(h);
    await b.signIn();
    for (const fields of [{}, { csrf: "wrong" }, { csrf: "" }] as Record<string, string>[]) {
      const res = await b.post("/admin/surveys/csrf-draft/open", fields);
      expect(res.status).toBe(403);
      expect((await b.post("/admin/surveys/csrf-draft/delete", { ...fields, confirm: "yes" })).status).toBe(403);
    }
    // Another admin session's token is no better.
    const other = new AdminBrowser(h);
    await other.signIn();
    expect((await b.post("/admin/surveys/csrf-draft/open", { csrf: await other.csrf() })).status).toBe(403);
    expect((await (await h.request("GET", "/api/surveys/csrf-draft")).json()).state).toBe("draft");
  });

  it("answers a form without a session 401, not with a redirect that would lose it", async () => {
    await h.request("POST", "/api/surveys", testSurvey("no-session"));
    const res = await new AdminBrowser(h).post("/admin/surveys/no-session/open", { csrf: "x" });
    expect(res.status).toBe(401);
    expect((await (await h.request("GET", "/api/surveys/no-session")).json()).state).toBe("draft");
  });
});

describe("admin pages: the cookie on a site served over plain HTTP", () => {
  const h = adminHarness("pglite", { routes: "all", publicUrl: "http://localhost:8080" });

  it("leaves out Secure, which the browser would refuse over HTTP, and sets it when the request itself is HTTPS", async () => {
    const b = new AdminBrowser(h);
    expect((await b.signIn()).split(";").map((a) => a.trim())).not.toContain("Secure");
    const res = await h.app.request("https://agora.example.org/admin/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://agora.example.org" },
      body: new URLSearchParams({ token: "admin-token-for-tests-0123456789" }).toString(),
    });
    expect(res.status).toBe(303);
    expect(
      res.headers
        .get("set-cookie")!
        .split(";")
        .map((a) => a.trim()),
    ).toContain("Secure");
  });
});

import { countInvites } from "@agora/db";
import { dialects } from "@agora/db/testing";
import { describe, expect, it } from "vitest";
import { submitAnswer } from "../../src/verbs/submit-answer.ts";
import { adminHarness, form, PUBLIC_URL, testSurvey } from "../admin/admin-harness.ts";
import { AdminBrowser } from "./admin-pages-harness.ts";

describe.each(dialects)("admin pages: results, exports and invitations on %s", (dialect) => {
  const h = adminHarness(dialect, { routes: "all" });
  const signedIn = async () => {
    const b = new AdminBrowser(h);
    await b.signIn();
    return { b, csrf: await b.csrf() };
  };
  const answered = async (slug: string, n: number) => {
    await h.request(
      "POST",
      "/api/surveys",
      testSurvey(slug, { access: { mode: "open" }, results: { public: false, min_group_size: 5 } }),
    );
    await h.request("POST", `/api/surveys/${slug}/open`);
    const ctx = { db: h.db, now: () => h.clock.now };
    for (let i = 0; i < n; i++) {
      await submitAnswer({
        ctx,
        input: {
          slug,
          form: form({ "q.usage": "home", "q.score": "9", "q.comment": `free text number ${i} <b>` }),
          ticket: { kind: "none" },
        },
      });
    }
  };

  it("shows an admin the results with every free text, though they are not public", async () => {
    await answered("res", 6);
    expect((await h.app.request("/s/res/results")).status).toBe(404);
    const { b } = await signedIn();
    const res = await b.get("/admin/surveys/res/results");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    for (let i = 0; i < 6; i++) expect(html).toContain(`<li>free text number ${i} &lt;b&gt;</li>`);
    expect(html).toContain('action="/admin/surveys/res/results#crosstab"');
    expect(html).toContain("Sign out");
    const crossed = await b.get("/admin/surveys/res/results?x=usage&y=tools");
    expect(crossed.status).toBe(200);
    expect((await new AdminBrowser(h).get("/admin/surveys/res/results")).status).toBe(303);
  });

  it("downloads the answers as the API exports them, CSV and JSON", async () => {
    await answered("exp", 2);
    const { b } = await signedIn();
    const csv = await b.get("/admin/surveys/exp/export?format=csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="exp-answers.csv"');
    expect(csv.headers.get("cache-control")).toBe("no-store");
    const api = await h.request("GET", "/api/surveys/exp/export?format=csv");
    expect(await csv.text()).toBe(await api.text());
    const json = await b.get("/admin/surveys/exp/export?format=json");
    expect(((await json.json()) as { answerCount: number }).answerCount).toBe(2);
    expect((await b.get("/admin/surveys/exp/export?format=xls")).status).toBe(400);
    expect((await b.get("/admin/surveys/exp/export?format=csv&bom=yes")).status).toBe(400);
  });

  it("downloads the same bytes as the API for every format and the byte order mark", async () => {
    const { b } = await signedIn();
    for (const query of [
      "format=csv&bom=1",
      "format=csv&bom=0",
      "format=codebook",
      "format=json",
      "format=codebook&bom=1",
    ]) {
      const page = await b.get(`/admin/surveys/exp/export?${query}`);
      const api = await h.request("GET", `/api/surveys/exp/export?${query}`);
      expect(page.status).toBe(200);
      for (const name of ["content-type", "content-disposition", "cache-control"])
        expect(page.headers.get(name)).toBe(api.headers.get(name));
      expect(Buffer.from(await page.arrayBuffer())).toEqual(Buffer.from(await api.arrayBuffer()));
    }
    const marked = Buffer.from(await (await b.get("/admin/surveys/exp/export?format=csv&bom=1")).arrayBuffer());
    expect(marked.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("offers the downloads on the survey's page: a form with the byte order mark as an option, and the codebook", async () => {
    const { b } = await signedIn();
    const html = await (await b.get("/admin/surveys/exp")).text();
    expect(html).toContain('href="/admin/surveys/exp/export?format=codebook"');
    expect(html).toContain('<form method="get" action="/admin/surveys/exp/export" class="export-form">');
    expect(html).toMatch(
      /<option value="csv" selected>[^<]+<\/option>\s*<option value="codebook">[^<]+<\/option>\s*<option value="json">/,
    );
    // Off unless the admin ticks it.
    expect(html).toContain(
      '<input type="checkbox" id="export-bom" name="bom" value="1" aria-describedby="export-bom-help">',
    );
    expect(html).toContain('<label for="export-bom">');
    expect((await b.get("/admin/surveys/nope/export")).status).toBe(404);
  });

  it("makes invitations and hands them out as a CSV of links, each a stored hash", async () => {
    await h.request("POST", "/api/surveys", testSurvey("inv"));
    const { b, csrf } = await signedIn();
    const res = await b.post("/admin/surveys/inv/invites", { csrf, count: "3" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="inv-invites.csv"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    const lines = (await res.text()).split("\r\n");
    expect(lines[0]).toBe("link");
    expect(lines.slice(1, 4)).toEqual([
      expect.stringMatching(new RegExp(`^${PUBLIC_URL}/s/inv\\?token=[A-Za-z0-9_-]{43}$`)),
      expect.any(String),
      expect.any(String),
    ]);
    expect(lines[4]).toBe("");
    expect(await countInvites(h.db, "inv")).toBe(3);
    // One of them opens the survey's page with its code filled in, once it is open.
    await h.request("POST", "/api/surveys/inv/open");
    const link = new URL(lines[1]!);
    expect(await (await h.app.request(`${link.pathname}${link.search}`)).text()).toContain(
      `value="${link.searchParams.get("token")}"`,
    );
  });

  it("refuses a count out of range, an open-access survey, and a form without its token", async () => {
    await h.request("POST", "/api/surveys", testSurvey("inv-bad"));
    await h.request("POST", "/api/surveys", testSurvey("inv-open", { access: { mode: "open" } }));
    const { b, csrf } = await signedIn();
    for (const count of ["0", "10001", "2.5", "many", ""])
      expect((await b.post("/admin/surveys/inv-bad/invites", { csrf, count })).status).toBe(400);
    expect((await b.post("/admin/surveys/inv-open/invites", { csrf, count: "2" })).status).toBe(409);
    expect((await b.post("/admin/surveys/inv-bad/invites", { count: "2" })).status).toBe(403);
    expect(await countInvites(h.db, "inv-bad")).toBe(0);
  });
});

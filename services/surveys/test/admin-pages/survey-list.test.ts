import { dialects } from "@agora/db/testing";
import { describe, expect, it } from "vitest";
import { submitAnswer } from "../../src/verbs/submit-answer.ts";
import { adminHarness, form, testSurvey } from "../admin/admin-harness.ts";
import { AdminBrowser } from "./admin-pages-harness.ts";

describe.each(dialects)("admin pages: the survey list and its buttons on %s", (dialect) => {
  const h = adminHarness(dialect, { routes: "all" });
  const stateOf = async (slug: string) => (await (await h.request("GET", `/api/surveys/${slug}`)).json()).state;
  const signedIn = async () => {
    const b = new AdminBrowser(h);
    await b.signIn();
    return { b, csrf: await b.csrf() };
  };

  it("lists every survey with its state, whether it takes answers, and its answer count", async () => {
    await h.request(
      "POST",
      "/api/surveys",
      testSurvey("list-open", { access: { mode: "open" }, title: { en: "Open <one>" } }),
    );
    await h.request("POST", "/api/surveys/list-open/open");
    const ctx = { db: h.db, now: () => h.clock.now };
    for (let i = 0; i < 3; i++)
      await submitAnswer({
        ctx,
        input: { slug: "list-open", form: form({ "q.score": "7" }), ticket: { kind: "none" } },
      });
    await h.request("POST", "/api/surveys", testSurvey("list-draft"));
    const { b } = await signedIn();
    const html = await (await b.get("/admin")).text();
    const row = (slug: string) =>
      html.slice(
        html.indexOf(`<code class="muted">${slug}</code>`),
        html.indexOf("</tr>", html.indexOf(`<code class="muted">${slug}</code>`)),
      );
    expect(html).toContain('<a href="/admin/surveys/list-open">Open &lt;one&gt;</a>');
    expect(row("list-open")).toContain('<span class="state">open</span>');
    expect(row("list-open")).toContain("taking answers");
    expect(row("list-open")).toMatch(/<td data-label="Answers" class="num">3<\/td>/);
    expect(row("list-open")).toContain('action="/admin/surveys/list-open/close"');
    expect(row("list-open")).not.toContain("/delete");
    expect(row("list-draft")).toContain('<span class="state">draft</span>');
    expect(row("list-draft")).toContain('action="/admin/surveys/list-draft/open"');
    expect(row("list-draft")).toContain('action="/admin/surveys/list-draft/delete"');
  });

  it("opens and closes through the same verb as the API, with its milestone, and says what it did", async () => {
    await h.request("POST", "/api/surveys", testSurvey("btn", { access: { mode: "open" } }));
    const { b, csrf } = await signedIn();
    const opened = await b.post("/admin/surveys/btn/open", { csrf, from: "list" });
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toBe("/admin?done=opened&slug=btn");
    expect(await stateOf("btn")).toBe("open");
    expect((await h.notifyJobs()).map((j) => j.dedupeKey)).toContain("survey:btn:opened");
    expect(await (await b.get("/admin?done=opened&slug=btn")).text()).toContain(
      '<p class="notice" role="status"><strong>btn</strong>: The survey is open.</p>',
    );

    const again = await b.post("/admin/surveys/btn/open", { csrf, from: "detail" });
    expect(again.headers.get("location")).toBe("/admin/surveys/btn?done=unchanged");
    const closed = await b.post("/admin/surveys/btn/close", { csrf, from: "detail" });
    expect(closed.headers.get("location")).toBe("/admin/surveys/btn?done=closed");
    expect(await stateOf("btn")).toBe("closed");
    expect(await (await b.get("/admin/surveys/btn?done=closed")).text()).toContain("The survey is closed.");
  });

  it("deletes a draft after asking once, and refuses an open survey as the API does (409)", async () => {
    await h.request("POST", "/api/surveys", testSurvey("del-me"));
    const { b, csrf } = await signedIn();
    const asked = await b.post("/admin/surveys/del-me/delete", { csrf, from: "list" });
    expect(asked.status).toBe(200);
    const page = await asked.text();
    expect(page).toContain("Delete the draft “Survey del-me”?");
    expect(page).toContain('name="confirm" value="yes"');
    expect(await stateOf("del-me")).toBe("draft");
    const deleted = await b.post("/admin/surveys/del-me/delete", { csrf, confirm: "yes" });
    expect(deleted.status).toBe(303);
    expect(deleted.headers.get("location")).toBe("/admin?done=deleted&slug=del-me");
    expect((await h.request("GET", "/api/surveys/del-me")).status).toBe(404);

    await h.request("POST", "/api/surveys", testSurvey("keep-me"));
    await h.request("POST", "/api/surveys/keep-me/open");
    const refused = await b.post("/admin/surveys/keep-me/delete", { csrf, confirm: "yes" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("only a draft can be deleted");
    expect(await stateOf("keep-me")).toBe("open");
  });

  it("shows one survey's facts, links and invitations form", async () => {
    await h.request("POST", "/api/surveys", testSurvey("facts"));
    await h.request("POST", "/api/surveys/facts/invites", { count: 4 });
    const { b } = await signedIn();
    const html = await (await b.get("/admin/surveys/facts")).text();
    expect(html).toContain("<dt>Unspent invites</dt><dd>4</dd>");
    expect(html).toContain('href="/admin/surveys/facts/preview"');
    expect(html).toContain('href="/admin/surveys/facts/results"');
    expect(html).toContain('href="/admin/surveys/facts/export?format=csv"');
    expect(html).toContain('action="/admin/surveys/facts/invites"');
  });

  it("answers 404 pages for a survey that does not exist or a slug no survey can have", async () => {
    const { b, csrf } = await signedIn();
    expect((await b.get("/admin/surveys/nope")).status).toBe(404);
    expect((await b.get("/admin/surveys/Not%20A%20Slug")).status).toBe(404);
    expect((await b.post("/admin/surveys/nope/open", { csrf })).status).toBe(404);
  });

  it("leaves the member pages without any cookie, even for a signed-in admin", async () => {
    await h.request("POST", "/api/surveys", testSurvey("members", { access: { mode: "open" } }));
    await h.request("POST", "/api/surveys/members/open");
    const { b } = await signedIn();
    for (const path of ["/s/members", "/s/members/thanks"]) {
      const res = await b.get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("set-cookie")).toBeNull();
    }
  });
});

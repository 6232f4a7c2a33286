import { createHash } from "node:crypto";
import { addInvites, countInvites, listResponses } from "@agora/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEveryControlLabelled } from "./html-checks.ts";
import { pagedSurvey } from "./paged-survey.ts";
import { addSurvey, formBody, formHeaders, surveyTestApp, type SurveyTestApp } from "./page-harness.ts";

describe("a survey with sections, one page at a time", () => {
  let s: SurveyTestApp;
  beforeAll(async () => {
    s = await surveyTestApp("pglite");
    await addSurvey(s.db, pagedSurvey);
    await addSurvey(s.db, {
      slug: "one-page",
      title: "One page",
      questions: [{ id: "q1", type: "short_text", title: "Anything?" }],
    });
  });
  afterAll(() => s.close());

  async function post(fields: Record<string, string | string[]>, slug = "paged") {
    const res = await s.app.request(`/s/${slug}`, { method: "POST", headers: formHeaders, body: formBody(fields) });
    expect(res.headers.get("set-cookie")).toBeNull();
    return { res, page: await res.text() };
  }
  const hidden = (page: string) =>
    [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => `${m[1]}=${m[2]}`);
  const questionsOn = (page: string) =>
    [...page.matchAll(/<div class="question" id="question-([a-z_]+)"/g)].map((m) => m[1]);

  it("shows the first section with where the member is, in words and as a progress bar, and Next", async () => {
    const res = await s.app.request("/s/paged");
    expect(res.headers.get("set-cookie")).toBeNull();
    const page = await res.text();
    expect(page).toContain("<title>Paged survey (Page 1 of 4)</title>");
    expect(page).toContain(
      '<p id="form-progress-label">Page 1 of 4</p>\n<progress max="4" value="1" aria-labelledby="form-progress-label"></progress>',
    );
    expect(page).toContain('<h2 class="section-title">About you</h2>');
    expect(page).toContain("Four short pages.");
    expect(questionsOn(page)).toEqual(["uses", "role"]);
    expect(hidden(page)).toEqual(["lang=en", "page=1"]);
    expect(page).toContain('<button type="submit" name="nav" value="next">Next</button>');
    expect(page).not.toContain('value="back"');
    expectEveryControlLabelled(page);
  });

  it("checks the page left with Next, and names its problems on that page", async () => {
    const { res, page } = await post({ lang: "en", page: "1", nav: "next", "q.role": "admin" });
    expect(res.status).toBe(400);
    expect(page).toContain("Page 1 of 4");
    expect(page).toContain('<a href="#q-uses">Question 1: Do you use it? — Answer this question.</a>');
    expect(questionsOn(page)).toEqual(["uses", "role"]);
    expect(page).toContain('value="admin"');
    expect(await listResponses(s.db, "paged")).toHaveLength(0);
  });

  it("goes on to the next page with the answers so far as hidden fields; a condition earlier pages settle shows no hint and is required", async () => {
    const { res, page } = await post({ lang: "en", page: "1", nav: "next", "q.uses": "yes", "q.role": "admin" });
    expect(res.status).toBe(200);
    expect(page).toContain("<title>Paged survey (Page 2 of 4)</title>");
    expect(page).toContain('<progress max="4" value="2"');
    expect(page).toContain("Only for users.");
    expect(page).not.toContain("Four short pages.");
    expect(hidden(page)).toEqual(["lang=en", "page=2", "q.uses=yes", "q.role=admin"]);
    expect(questionsOn(page)).toEqual(["how_long", "since"]);
    // Settled by page 1: no hint, required; "since" looks at this page, so it keeps its hint.
    expect(page).not.toContain('id="hint-how_long"');
    expect(page).toMatch(
      /<span class="question-title">For how many years\?<\/span> <span class="required-marker">\(required\)<\/span>/,
    );
    expect(page).toMatch(/name="q\.how_long"[^>]* required/);
    expect(page).toContain('id="hint-since"');
    expect(page).toContain(
      '<button type="submit" name="nav" value="next">Next</button><button type="submit" name="nav" value="back" class="secondary">Back</button>',
    );
    expect(await listResponses(s.db, "paged")).toHaveLength(0);
  });

  it("passes over a page whose questions earlier answers hide, forward and back, and keeps every answer", async () => {
    const base = { lang: "en", "q.uses": "yes", "q.role": "admin" };
    const last = await post({ ...base, page: "2", nav: "next", "q.how_long": "3", "q.since": "9.2" });
    expect(last.page).toContain("Page 4 of 4");
    expect(questionsOn(last.page)).toEqual(["wish"]);
    expect(hidden(last.page)).toEqual([
      "lang=en",
      "page=4",
      "q.uses=yes",
      "q.role=admin",
      "q.how_long=3",
      "q.since=9.2",
    ]);
    expect(last.page).toContain('<button type="submit" name="nav" value="send">Send my answers</button>');

    const back = await post({ ...base, page: "4", nav: "back", "q.how_long": "3", "q.since": "9.2", "q.wish": "docs" });
    expect(back.res.status).toBe(200);
    expect(back.page).toContain("Page 2 of 4");
    expect(back.page).toMatch(/name="q\.how_long"[^>]* value="3"/);
    expect(hidden(back.page)).toContain("q.wish=docs");

    // Members who do not use it skip page 2 and see page 3.
    const no = await post({ lang: "en", page: "1", nav: "next", "q.uses": "no" });
    expect(no.page).toContain("Page 3 of 4");
    expect(questionsOn(no.page)).toEqual(["why_not"]);
  });

  it("stores the answers of every page on the last page's send, checked again, and nothing of the paging", async () => {
    const { res } = await post({
      lang: "en",
      page: "4",
      nav: "send",
      "q.uses": "yes",
      "q.role": "admin",
      "q.how_long": "3",
      "q.since": "9.2",
      "q.wish": "other",
      "q.wish.other": "ARM",
    });
    expect(res.status).toBe(303);
    const [stored] = await listResponses(s.db, "paged");
    expect(stored?.answers).toEqual({ uses: "yes", how_long: 3, wish: "other" });
    expect(stored?.texts).toEqual({ role: "admin", since: "9.2", wish: "ARM" });
  });

  it("shows a send refused for an earlier page's answer on that page", async () => {
    // A required answer of page 2 went missing from the hidden fields: page 2 again, its problem named.
    const { res, page } = await post({ lang: "en", page: "4", nav: "send", "q.uses": "yes", "q.wish": "docs" });
    expect(res.status).toBe(400);
    expect(page).toContain("Page 2 of 4");
    expect(page).toContain("For how many years? — Answer this question.");
    expect(hidden(page)).toContain("q.wish=docs");
    expect(await listResponses(s.db, "paged")).toHaveLength(1);
  });

  it("switches language after the first page with a button of the form, every answer kept", async () => {
    const en = await post({ lang: "en", page: "1", nav: "next", "q.uses": "yes" });
    expect(en.page).toContain(
      '<button type="submit" name="nav" value="lang:de" lang="de" class="secondary">Deutsch</button>',
    );
    const de = await post({ lang: "en", page: "2", nav: "lang:de", "q.uses": "yes", "q.how_long": "4" });
    expect(de.res.status).toBe(200);
    expect(de.page).toContain('<html lang="de"');
    expect(de.page).toContain("Seite 2 von 4");
    expect(de.page).toMatch(/name="q\.how_long"[^>]* value="4"/);
    expect(hidden(de.page)).toContain("lang=de");
  });

  it("asks for the invite code on the first page, carries it, and checks it only on the send", async () => {
    await addSurvey(s.db, { ...pagedSurvey, slug: "paged-invite", access: { mode: "invite" } });
    await addInvites(s.db, "paged-invite", [createHash("sha256").update("code-1").digest("hex")]);
    const first = await (await s.app.request("/s/paged-invite?token=code-1")).text();
    expect(first).toMatch(/<input type="text" id="token" name="token" value="code-1"/);
    // Next does not spend or even look at the code.
    const second = await post({ lang: "en", page: "1", nav: "next", token: "made-up", "q.uses": "no" }, "paged-invite");
    expect(second.res.status).toBe(200);
    expect(hidden(second.page)).toContain("token=made-up");
    expect(second.page).not.toContain('id="token"');
    // A wrong code on the send: the page sent from again, with the code's field and its problem.
    const refused = await post(
      { lang: "en", page: "4", nav: "send", token: "made-up", "q.uses": "no" },
      "paged-invite",
    );
    expect(refused.res.status).toBe(400);
    expect(refused.page).toContain("Page 4 of 4");
    expect(refused.page).toMatch(/<input type="text" id="token" name="token" value="made-up"/);
    expect(refused.page).toContain("This invitation code is unknown or has been used already.");
    expect(
      (await post({ lang: "en", page: "4", nav: "send", token: "code-1", "q.uses": "no" }, "paged-invite")).res.status,
    ).toBe(303);
    expect(await countInvites(s.db, "paged-invite")).toBe(0);
  });

  it("keeps a survey without sections one page, as before", async () => {
    const page = await (await s.app.request("/s/one-page")).text();
    expect(page).not.toContain("<progress");
    expect(page).not.toContain('name="page"');
    expect(page).toContain('<div class="form-actions"><button type="submit">Send my answers</button></div>');
    const { res } = await post({ "q.q1": "fine", nav: "next", page: "3" }, "one-page");
    expect(res.status).toBe(303);
  });
});

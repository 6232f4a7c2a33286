import { countSurveyResponses, listResponses } from "@agora/db";
import { dialects } from "@agora/db/testing";
import { describe, expect, it } from "vitest";
import { adminHarness, testSurvey } from "../admin/admin-harness.ts";
import { AdminBrowser } from "./admin-pages-harness.ts";

/** The survey's own markup of a page: from its language links to the end of its form. */
const formOf = (html: string) =>
  html.slice(html.indexOf('<nav class="languages"'), html.indexOf("</form>", html.indexOf('class="survey-form"')));

describe.each(dialects)("admin pages: preview on %s", (dialect) => {
  const h = adminHarness(dialect, { routes: "all" });
  const signedIn = async () => {
    const b = new AdminBrowser(h);
    await b.signIn();
    return { b, csrf: await b.csrf() };
  };

  it("shows a draft as members will see it, marked as a preview, while the members' page still refuses it", async () => {
    await h.request(
      "POST",
      "/api/surveys",
      testSurvey("pre", {
        access: { mode: "open" },
        languages: ["en", "de"],
        title: { en: "Preview me", de: "Vorschau" },
      }),
    );
    expect((await h.app.request("/s/pre")).status).toBe(403);
    const { b } = await signedIn();
    const res = await b.get("/admin/surveys/pre/preview");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain("Preview: nothing you send here is stored");
    expect(html).toContain("<title>Preview: Preview me · Agora survey admin</title>");
    // The same form as the members' page once it is open, but for where it posts and the form token.
    await h.request("POST", "/api/surveys/pre/open");
    const members = await (await h.app.request("/s/pre")).text();
    const strip = (s: string) =>
      s
        .replace(/<input type="hidden" name="csrf" value="[^"]+">/, "")
        .replaceAll("/admin/surveys/pre/preview", "/s/pre");
    expect(strip(formOf(html))).toBe(formOf(members));
    expect(html).toContain('href="/admin/surveys/pre/preview?lang=de"');
    const german = await (await b.get("/admin/surveys/pre/preview?lang=de")).text();
    expect(german).toContain('<html lang="de"');
    expect(german).toContain("<h1>Vorschau</h1>");
  });

  it("checks sent answers as the members' page does, and stores nothing either way", async () => {
    await h.request(
      "POST",
      "/api/surveys",
      testSurvey("pre-send", {
        questions: [
          { id: "score", type: "nps", title: "Recommend?", required: true },
          { id: "wish", type: "long_text", title: "Wish?" },
        ],
      }),
    );
    const { b, csrf } = await signedIn();
    const refused = await b.post("/admin/surveys/pre-send/preview", { csrf, lang: "en", "q.wish": "kept text" });
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('class="error-summary"');
    expect(refusedHtml).toContain("kept text");
    const accepted = await b.post("/admin/surveys/pre-send/preview", {
      csrf,
      lang: "en",
      "q.score": "9",
      "q.wish": "a wish",
    });
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toContain("These answers would be accepted.");
    expect(await countSurveyResponses(h.db, "pre-send")).toBe(0);
    expect(await listResponses(h.db, "pre-send")).toEqual([]);
    const counts = await h.db.query("select 1 from agora_survey_answer_count where survey_slug = $1", ["pre-send"]);
    expect(counts).toEqual([]);
    expect((await (await h.request("GET", "/api/surveys/pre-send")).json()).answerCount).toBe(0);
  });

  it("pages a survey in sections as the members' page does, storing nothing", async () => {
    const questions = [
      { id: "score", type: "nps" as const, title: "Recommend?", required: true },
      { id: "wish", type: "long_text" as const, title: "Wish?" },
    ];
    const sections = [
      { first_question: "score", title: "First" },
      { first_question: "wish", title: "Second" },
    ];
    await h.request("POST", "/api/surveys", testSurvey("pre-paged", { questions, sections }));
    const { b, csrf } = await signedIn();
    expect(await (await b.get("/admin/surveys/pre-paged/preview")).text()).toContain("Page 1 of 2");
    const refused = await b.post("/admin/surveys/pre-paged/preview", { csrf, lang: "en", page: "1", nav: "next" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Recommend? — Answer this question.");
    const next = await b.post("/admin/surveys/pre-paged/preview", {
      csrf,
      lang: "en",
      page: "1",
      nav: "next",
      "q.score": "9",
    });
    expect(next.status).toBe(200);
    const second = await next.text();
    expect(second).toContain("Page 2 of 2");
    expect(second).toContain('<input type="hidden" name="q.score" value="9">');
    const sent = await b.post("/admin/surveys/pre-paged/preview", {
      csrf,
      lang: "en",
      page: "2",
      nav: "send",
      "q.score": "9",
      "q.wish": "more",
    });
    expect(await sent.text()).toContain("These answers would be accepted.");
    expect(await countSurveyResponses(h.db, "pre-paged")).toBe(0);
  });

  it("needs the session and the form token", async () => {
    await h.request("POST", "/api/surveys", testSurvey("pre-guard"));
    expect((await new AdminBrowser(h).get("/admin/surveys/pre-guard/preview")).status).toBe(303);
    const { b } = await signedIn();
    expect((await b.post("/admin/surveys/pre-guard/preview", { "q.score": "1" })).status).toBe(403);
    expect((await b.get("/admin/surveys/none/preview")).status).toBe(404);
  });
});

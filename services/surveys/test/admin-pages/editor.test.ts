import { dialects } from "@agora/db/testing";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { submitAnswer } from "../../src/verbs/submit-answer.ts";
import { adminHarness, form, testSurvey } from "../admin/admin-harness.ts";
import { AdminBrowser } from "./admin-pages-harness.ts";

describe.each(dialects)("admin pages: creating and editing a definition on %s", (dialect) => {
  const h = adminHarness(dialect, { routes: "all" });
  const signedIn = async () => {
    const b = new AdminBrowser(h);
    await b.signIn();
    return { b, csrf: await b.csrf() };
  };

  it("starts from a definition that passes, and creates it as a draft through the API's verb", async () => {
    const { b, csrf } = await signedIn();
    const page = await (await b.get("/admin/new-survey")).text();
    const starter = /<textarea[^>]*>\n([\s\S]*?)<\/textarea>/.exec(page)![1]!;
    const text = starter.replace("my-survey-2026", "from-browser");
    const res = await b.post("/admin/new-survey", { csrf, definition: text });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/surveys/from-browser?done=created");
    const detail = await (await h.request("GET", "/api/surveys/from-browser")).json();
    expect(detail).toMatchObject({ state: "draft", source: "api", title: "My survey 2026" });
    // A second one with the same slug is refused with the text kept.
    const again = await b.post("/admin/new-survey", { csrf, definition: text });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("exists already");
  });

  it("shows each problem with its line, in the summary and under that line, keeping the text", async () => {
    const { b, csrf } = await signedIn();
    const text = [
      "slug: broken",
      "title: Broken",
      "questions:",
      "  - id: q1",
      "    type: single_choise",
      "    title: Which?",
      "  - id: q2",
      "    type: number",
      "    title: How many?",
      "    min: ten",
      "",
    ].join("\n");
    const res = await b.post("/admin/new-survey", { csrf, definition: text });
    expect(res.status).toBe(400);
    const html = await res.text();
    // The same words as the API's 400 for the same YAML body.
    const api = await h.request("POST", "/api/surveys", text, {
      ...{ authorization: "Bearer admin-token-for-tests-0123456789" },
      "content-type": "application/yaml",
    });
    const apiMessage: string = (await api.json()).error.message;
    const shown = html.replaceAll("&#39;", "'").replaceAll("&quot;", '"');
    for (const problem of apiMessage.split("; ")) expect(shown).toContain(problem.replace(/^body: /, ""));
    expect(html).toMatch(
      /<li value="5" id="line-5" class="problem-line"><code> {4}type: single_choise<\/code><p class="field-error">[^<]*line 5/,
    );
    expect(html).toContain('<a href="#line-5">');
    expect(html).toContain("    min: ten\n</textarea>");
    expect((await h.request("GET", "/api/surveys/broken")).status).toBe(404);
    const yamlError = await b.post("/admin/new-survey", { csrf, definition: "slug: x\ntitle: [unclosed\n" });
    expect(yamlError.status).toBe(400);
    expect(await yamlError.text()).toMatch(/line \d+, column \d+/);
  });

  it("edits a definition as YAML, and refuses what the API refuses once there are answers", async () => {
    await h.request("POST", "/api/surveys", testSurvey("edit-me", { access: { mode: "open" } }));
    const { b, csrf } = await signedIn();
    const page = await (await b.get("/admin/surveys/edit-me/edit")).text();
    expect(page).toContain("slug: edit-me");
    const definition = (await (await h.request("GET", "/api/surveys/edit-me")).json()).definition;
    const renamed = stringify({ ...definition, title: { en: "Renamed in the browser" } });
    const saved = await b.post("/admin/surveys/edit-me/edit", { csrf, definition: renamed });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe("/admin/surveys/edit-me?done=saved");
    expect((await (await h.request("GET", "/api/surveys/edit-me")).json()).title).toBe("Renamed in the browser");

    await h.request("POST", "/api/surveys/edit-me/open");
    await submitAnswer({
      ctx: { db: h.db, now: () => h.clock.now },
      input: { slug: "edit-me", form: form({ "q.score": "3" }), ticket: { kind: "none" } },
    });
    const fewer = stringify({ ...definition, questions: definition.questions.slice(1) });
    const refused = await b.post("/admin/surveys/edit-me/edit", { csrf, definition: fewer });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("usage");
    const otherSlug = await b.post("/admin/surveys/edit-me/edit", {
      csrf,
      definition: renamed.replace("slug: edit-me", "slug: another"),
    });
    expect(otherSlug.status).toBe(400);
  });

  it("needs the session and the form token", async () => {
    expect((await new AdminBrowser(h).get("/admin/new-survey")).status).toBe(303);
    const { b } = await signedIn();
    expect(
      (await b.post("/admin/new-survey", { definition: "slug: no-token\ntitle: x\nquestions: []\n" })).status,
    ).toBe(403);
  });
});

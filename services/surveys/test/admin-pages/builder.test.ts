import { dialects } from "@agora/db/testing";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { submitAnswer } from "../../src/verbs/submit-answer.ts";
import { adminHarness, form, testSurvey } from "../admin/admin-harness.ts";
import { AdminBrowser } from "./admin-pages-harness.ts";

const unescape = (s: string) =>
  s
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

/** The draft a builder page carries in its hidden field. */
function stateOf(page: string): string {
  const state = /name="state" value="([^"]*)"/.exec(page)?.[1];
  expect(state, "the page carries the draft").toBeDefined();
  return unescape(state ?? "");
}

describe.each(dialects)("admin pages: the form builder on %s", (dialect) => {
  const h = adminHarness(dialect, { routes: "all" });

  /** An admin at a builder page, pressing its buttons with some fields filled in, as a browser would post them. */
  async function builder(path = "/admin/new-survey/builder") {
    const b = new AdminBrowser(h);
    await b.signIn();
    const csrf = await b.csrf();
    const first = await b.get(path);
    expect(first.status).toBe(200);
    let page = await first.text();
    return {
      b,
      csrf,
      get page() {
        return page;
      },
      async press(action: string, fields: Record<string, string> = {}, expectStatus = 200): Promise<Response> {
        const res = await b.post(path, { csrf, state: stateOf(page), action, ...fields });
        expect(res.status, `${action}: ${res.status === 400 ? await res.clone().text() : ""}`).toBe(expectStatus);
        if (res.status !== 303) page = await res.clone().text();
        return res;
      },
      draft: () => JSON.parse(stateOf(page)),
    };
  }

  it("builds a survey of every question type and a show-if from nothing, and saves it as a draft", async () => {
    const s = await builder();
    expect(s.page).toContain("No questions yet");
    const types = [
      "single_choice",
      "multiple_choice",
      "rating",
      "nps",
      "likert",
      "number",
      "short_text",
      "long_text",
      "ranking",
    ];
    for (const type of types) await s.press("add", { new_type: type });
    expect(s.draft().questions.map((q: { id: string; type: string }) => [q.id, q.type])).toEqual(
      types.map((t, i) => [`q${i + 1}`, t]),
    );
    // Every question has its legend, and the choices their option fields.
    expect(s.page).toContain("<legend>Question 5: Agreement matrix (likert)</legend>");
    expect(s.page).toContain('name="questions.0.options.1.label.en"');
    expect(s.page).toContain('name="questions.4.scale.2.id"');

    const titles = Object.fromEntries(types.map((t, i) => [`questions.${i}.title.en`, `About ${t}?`]));
    const ids = Object.fromEntries(types.map((_, i) => [`questions.${i}.id`, `q${i + 1}`]));
    const res = await s.press(
      "save",
      {
        slug: "built-2026",
        languages: "en",
        "title.en": "Built in the form",
        "intro.en": "Two minutes.",
        "access.mode": "invite",
        "results.public": "yes",
        "results.min_group_size": "3",
        ...ids,
        ...titles,
        "questions.0.required": "yes",
        "questions.0.other": "yes",
        "questions.0.options.0.id": "home",
        "questions.0.options.0.label.en": "At home",
        "questions.1.max": "2",
        "questions.2.labels.min.en": "Bad",
        "questions.2.labels.max.en": "Good",
        "questions.5.integer": "yes",
        "questions.5.min": "0",
        "questions.5.show_if.question": "q1",
        "questions.5.show_if.kind": "any_of",
        "questions.5.show_if.value": "home, other",
        "questions.6.max_length": "80",
        "questions.6.show_if.question": "q6",
        "questions.6.show_if.kind": "range",
        "questions.6.show_if.at_least": "2",
        "questions.7.show_if.question": "",
      },
      303,
    );
    expect(res.headers.get("location")).toBe("/admin/surveys/built-2026?done=created");
    const stored = await (await h.request("GET", "/api/surveys/built-2026")).json();
    expect(stored).toMatchObject({ state: "draft", source: "api" });
    const d = stored.definition;
    expect(d).toMatchObject({
      slug: "built-2026",
      title: "Built in the form",
      intro: "Two minutes.",
      access: { mode: "invite" },
      results: { public: true, min_group_size: 3 },
    });
    expect(d.questions.map((q: { type: string }) => q.type)).toEqual(types);
    expect(d.questions[0]).toMatchObject({
      id: "q1",
      required: true,
      other: true,
      options: [
        { id: "home", label: "At home" },
        { id: "option_2", label: "Option 2" },
      ],
    });
    expect(d.questions[1]).toMatchObject({ max: 2 });
    expect(d.questions[2]).toMatchObject({ min: 1, max: 5, labels: { min: "Bad", max: "Good" } });
    expect(d.questions[5]).toMatchObject({
      integer: true,
      min: 0,
      show_if: { question: "q1", any_of: ["home", "other"] },
    });
    expect(d.questions[6]).toMatchObject({ max_length: 80, show_if: { question: "q6", at_least: 2 } });
    expect(d.questions[7].show_if).toBeUndefined();
  });

  it("moves, removes and edits questions and options, and shows a field per language", async () => {
    const s = await builder();
    await s.press("add", { new_type: "single_choice" });
    await s.press("add", { new_type: "short_text" });
    await s.press("add", { new_type: "nps" });
    await s.press("down.0");
    expect(s.draft().questions.map((q: { id: string }) => q.id)).toEqual(["q2", "q1", "q3"]);
    await s.press("up.2");
    expect(s.draft().questions.map((q: { id: string }) => q.id)).toEqual(["q2", "q3", "q1"]);
    await s.press("remove.1");
    expect(s.draft().questions.map((q: { id: string }) => q.id)).toEqual(["q2", "q1"]);
    await s.press("add-item.1.options");
    expect(s.draft().questions[1].options.map((o: { id: string }) => o.id)).toEqual([
      "option_1",
      "option_2",
      "option_3",
    ]);
    await s.press("remove-item.1.options.0");
    expect(s.draft().questions[1].options.map((o: { id: string }) => o.id)).toEqual(["option_2", "option_3"]);
    // A typed field travels with any button, not only with Save.
    await s.press("apply", {
      "questions.0.id": "name",
      "questions.0.title.en": "Your nickname?",
      "questions.0.required": "yes",
      "questions.1.id": "q1",
    });
    expect(s.draft().questions[0]).toEqual({ id: "name", type: "short_text", title: "Your nickname?", required: true });

    await s.press("apply", { languages: "en, de" });
    expect(s.page).toMatch(
      /<label for="f-title-de">Deutsch<\/label>[\s\S]*?<input type="text" id="f-title-de" name="title.de" lang="de"/,
    );
    await s.press("apply", {
      slug: "two-languages",
      "title.en": "In English",
      "title.de": "",
      "questions.0.id": "name",
      "questions.0.title.en": "Nickname?",
      "questions.0.title.de": "Spitzname?",
      "questions.1.id": "q1",
      "questions.1.title.en": "Same",
      "questions.1.title.de": "Same",
    });
    expect(s.draft()).toMatchObject({
      languages: ["en", "de"],
      title: { en: "In English" },
      questions: [{ title: { en: "Nickname?", de: "Spitzname?" } }, { title: "Same" }],
    });
    // Taking a language off drops its texts, so the next save is not refused for them.
    await s.press("apply", { languages: "de" });
    expect(s.draft()).toMatchObject({ languages: ["de"], questions: [{ title: "Spitzname?" }, { title: "Same" }] });
    expect(s.draft().title).toEqual({});
  });

  it("shows each problem of a refused save beside its field and in a summary linking to it, storing nothing", async () => {
    const s = await builder();
    await s.press("add", { new_type: "single_choice" });
    await s.press("add", { new_type: "number" });
    await s.press("apply", { languages: "en, de" });
    const res = await s.press(
      "save",
      {
        slug: "Not A Slug",
        "title.en": "Only English",
        "questions.0.id": "q1",
        "questions.0.title.en": "Pick",
        "questions.0.title.de": "Wähle",
        "questions.0.options.0.id": "same",
        "questions.0.options.1.id": "same",
        "questions.1.id": "q2",
        "questions.1.title.en": "How many?",
        "questions.1.title.de": "Wie viele?",
        "questions.1.min": "ten",
        "questions.1.show_if.question": "q1",
        "questions.1.show_if.kind": "equals",
        "questions.1.show_if.value": "nothing",
      },
      400,
    );
    const page = unescape(await res.text());
    expect(page).toContain("<title>Error: New survey: form builder");
    // In the summary, each linking to the field it is about, and beside it, the field marked and described by it.
    expect(page).toMatch(/<a href="#f-slug">slug: must be a lowercase slug/);
    expect(page).toMatch(/<a href="#f-questions-1-min">Question 2 › min: must be a number<\/a>/);
    expect(page).toMatch(
      /<p class="field-error" id="f-slug-error">must be a lowercase slug[^<]*<\/p>\n<input type="text" id="f-slug" name="slug" aria-describedby="f-slug-hint f-slug-error" aria-invalid="true" value="Not A Slug"/,
    );
    expect(page).toContain('aria-invalid="true" value="ten" class="short"');

    // The rules across fields come once the fields themselves pass, as in the YAML editor.
    const again = unescape(
      await (
        await s.press("save", { slug: "refused-form", "questions.1.id": "q2", "questions.1.min": "10" }, 400)
      ).text(),
    );
    expect(again).toMatch(/<a href="#f-title">title: has no text for de<\/a>/);
    expect(again).toMatch(
      /<a href="#f-questions-0-options-1-id">Question 1 › option 2 › id: "same" is used twice<\/a>/,
    );
    expect(again).toMatch(
      /<a href="#f-questions-1-show_if">Question 2 › show_if: "nothing" is not an option of "q1"<\/a>/,
    );
    expect(again).toMatch(
      /<fieldset class="builder-group" id="f-title" aria-describedby="f-title-error">\n<legend>Title<\/legend>\n<p class="field-error" id="f-title-error">has no text for de<\/p>/,
    );
    expect((await h.request("GET", "/api/surveys/refused-form")).status).toBe(404);
    expect(
      (await (await h.request("GET", "/api/surveys")).json()).surveys.map((x: { title: string }) => x.title),
    ).not.toContain("Only English");
  });

  it("keeps what it has no field for: other keys, a combined show-if, a question type it does not know", async () => {
    const s = await builder();
    const draft = {
      slug: "kept",
      title: "Kept",
      sections: [{ id: "s1", title: "Part one", questions: ["q1", "q2"] }],
      milestones: { room: "#surveys:example.org", every: 10 },
      questions: [
        {
          id: "q1",
          type: "single_choice",
          title: "One",
          shuffle: true,
          options: [
            { id: "a", label: "A", note: "x" },
            { id: "b", label: "B" },
          ],
        },
        {
          id: "q2",
          type: "short_text",
          title: "Two",
          show_if: { all: [{ question: "q1", equals: "a" }, { not: { question: "q1", answered: false } }] },
        },
        { id: "q3", type: "slider", title: "Three", steps: 7 },
      ],
    };
    const res = await s.b.post("/admin/new-survey/builder", {
      csrf: s.csrf,
      state: JSON.stringify(draft),
      action: "apply",
      "title.en": "Kept, renamed",
      "questions.0.id": "q1",
      "questions.0.title.en": "One",
      "questions.0.options.0.id": "a",
      "questions.0.options.0.label.en": "A",
      "questions.0.options.1.id": "b",
      "questions.0.options.1.label.en": "B",
      "questions.1.id": "q2",
      "questions.1.title.en": "Two",
      "questions.2.id": "q3",
      "questions.2.title.en": "Three?",
    });
    expect(res.status).toBe(200);
    const raw = await res.text();
    const page = unescape(raw);
    expect(page).toContain(
      "kept as they are (change them in the YAML view): <code>sections</code>, <code>milestones</code>",
    );
    expect(page).toContain("Kept as they are (change them in the YAML view): <code>shuffle</code>");
    expect(page).toContain("Question 3: type “slider”, which the builder has no fields for");
    expect(page).toContain(
      "Combined conditions (<code>all</code>, <code>any</code>, <code>not</code>) are written in the YAML view",
    );
    expect(JSON.parse(stateOf(raw))).toEqual({
      ...draft,
      title: "Kept, renamed",
      questions: [draft.questions[0], draft.questions[1], { ...draft.questions[2], title: "Three?" }],
    });

    // The YAML view shows the same definition, unsaved edits and unknown keys alike.
    const yaml = await s.b.post("/admin/new-survey/builder", { csrf: s.csrf, state: stateOf(raw), action: "yaml" });
    expect(yaml.status).toBe(200);
    const text = unescape(/<textarea[^>]*>\n([\s\S]*?)<\/textarea>/.exec(await yaml.text())?.[1] ?? "");
    expect(text).toBe(
      stringify(
        {
          ...draft,
          title: "Kept, renamed",
          questions: [draft.questions[0], draft.questions[1], { ...draft.questions[2], title: "Three?" }],
        },
        { lineWidth: 0 },
      ),
    );
  });

  it("switches from the YAML view to the builder with the unsaved text, and back to YAML when it cannot be read", async () => {
    const b = new AdminBrowser(h);
    await b.signIn();
    const csrf = await b.csrf();
    expect(await (await b.get("/admin/new-survey")).text()).toContain('formaction="/admin/new-survey/builder"');
    const text =
      "slug: from-yaml\ntitle: From YAML\nlanguages: [en, fr]\nquestions:\n  - { id: color, type: single_choice, title: { en: Colour?, fr: Couleur ? }, options: [{ id: red, label: Red }, { id: blue, label: Blue }] }\n";
    const res = await b.post("/admin/new-survey/builder", { csrf, definition: text });
    expect(res.status).toBe(200);
    const page = unescape(await res.text());
    expect(page).toContain('id="f-questions-0-title-fr" name="questions.0.title.fr" lang="fr" value="Couleur ?"');
    expect(page).toContain('id="f-title-fr" name="title.fr" lang="fr" value="From YAML"');
    const bad = await b.post("/admin/new-survey/builder", { csrf, definition: "slug: x\ntitle: [unclosed\n" });
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).toContain("The YAML cannot be read");
    expect(badPage).toMatch(/line \d+, column \d+/);
    expect(badPage).toContain("title: [unclosed\n</textarea>");
  });

  it("edits a stored survey through updateSurvey, and shows the verb's refusal once answers forbid a change", async () => {
    await h.request("POST", "/api/surveys", testSurvey("edit-in-form", { access: { mode: "open" } }));
    const path = "/admin/surveys/edit-in-form/builder";
    const s = await builder(path);
    expect(s.page).toContain('id="f-slug" name="slug" aria-describedby="f-slug-hint" readonly value="edit-in-form"');
    expect(await (await s.b.get("/admin/surveys/edit-in-form")).text()).toContain(`href="${path}"`);
    const res = await s.press("save", { "title.en": "Renamed in the form" }, 303);
    expect(res.headers.get("location")).toBe("/admin/surveys/edit-in-form?done=saved");
    expect((await (await h.request("GET", "/api/surveys/edit-in-form")).json()).title).toBe("Renamed in the form");

    await h.request("POST", "/api/surveys/edit-in-form/open");
    await submitAnswer({
      ctx: { db: h.db, now: () => h.clock.now },
      input: { slug: "edit-in-form", form: form({ "q.score": "3" }), ticket: { kind: "none" } },
    });
    await s.press("remove.2");
    const refused = await s.press("save", {}, 409);
    expect(await refused.text()).toContain("score");
    expect((await (await h.request("GET", "/api/surveys/edit-in-form")).json()).definition.questions).toHaveLength(7);
    expect((await s.b.get("/admin/surveys/no-such/builder")).status).toBe(404);
  });

  it("refuses a form without the session's token, from another site, or with a broken draft, changing nothing", async () => {
    const s = await builder();
    const state = stateOf(s.page);
    const path = "/admin/new-survey/builder";
    const save = { state, action: "save", slug: "refused", "title.en": "Refused" };
    expect((await s.b.post(path, save)).status).toBe(403);
    expect(
      (
        await s.b.post(
          path,
          { ...save, csrf: s.csrf },
          { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
        )
      ).status,
    ).toBe(403);
    const broken = await s.b.post(path, { csrf: s.csrf, state: "{not json", action: "apply" });
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain("state: is not the JSON of a survey definition");
    const list = await s.b.post(path, { csrf: s.csrf, state: "[1, 2]", action: "apply" });
    expect(list.status).toBe(400);
    expect(await list.text()).toContain("state: must be a survey definition");
    const unknown = await s.b.post(path, { csrf: s.csrf, state, action: "explode.1" });
    expect(unknown.status).toBe(400);
    expect(unescape(await unknown.text())).toContain('action: "explode.1" is not something the builder does');
    const badType = await s.b.post(path, { csrf: s.csrf, state, action: "add", new_type: "slider" });
    expect(badType.status).toBe(400);
    expect(unescape(await badType.text())).toContain('new_type: "slider" is not a question type');
    // A language that is no tag gets its field, named as typed, and the check's refusal beside the list.
    const odd = await s.b.post(path, {
      csrf: s.csrf,
      state: JSON.stringify({ slug: "odd", title: "Odd", languages: ["en", "constructor"], questions: [] }),
      action: "save",
    });
    expect(odd.status).toBe(400);
    const oddPage = unescape(await odd.text());
    expect(oddPage).toContain('<label for="f-title-constructor">constructor</label>');
    expect(oddPage).toMatch(/<a href="#f-languages">languages › 1: must be a language tag/);
    expect((await new AdminBrowser(h).get(path)).status).toBe(303);
    expect(
      (await (await h.request("GET", "/api/surveys")).json()).surveys.map((x: { slug: string }) => x.slug),
    ).not.toContain("refused");
  });
});

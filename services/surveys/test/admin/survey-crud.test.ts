import { dialects } from "@agora/db/testing";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { submitAnswer } from "../../src/verbs/submit-answer.ts";
import { admin, adminHarness, form, testSurvey } from "./admin-harness.ts";

describe.each(dialects)("admin API: creating, reading, replacing and deleting surveys on %s", (dialect) => {
  const h = adminHarness(dialect);

  it("creates a draft from JSON, lists it and shows it with its counts", async () => {
    const created = await h.request("POST", "/api/surveys", testSurvey("crud-json"));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      slug: "crud-json",
      state: "draft",
      availability: "draft",
      answerCount: 0,
      inviteCount: 0,
      accessMode: "invite",
      source: "api",
    });

    const list = await (await h.request("GET", "/api/surveys")).json();
    expect(list.surveys).toContainEqual({
      slug: "crud-json",
      title: "Survey crud-json",
      state: "draft",
      availability: "draft",
      answerCount: 0,
      accessMode: "invite",
      source: "api",
    });

    const one = await h.request("GET", "/api/surveys/crud-json");
    expect(one.status).toBe(200);
    const body = await one.json();
    expect(body.definition).toMatchObject({
      slug: "crud-json",
      access: { mode: "invite" },
      results: { public: false, min_group_size: 5 },
    });
    expect(body.blindPublicKey).toBeNull();
  });

  it("creates from YAML and gives a blind survey its public key", async () => {
    const yaml = stringify(testSurvey("crud-yaml", { access: { mode: "blind" } }));
    const res = await h.request("POST", "/api/surveys", yaml, { ...admin, "content-type": "application/yaml" });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ slug: "crud-yaml", accessMode: "blind" });
    expect(body.blindPublicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it("refuses a second survey of the same slug with 409", async () => {
    await h.request("POST", "/api/surveys", testSurvey("crud-twice"));
    const res = await h.request("POST", "/api/surveys", testSurvey("crud-twice", { title: "Other" }));
    expect(res.status).toBe(409);
    expect((await res.json()).error).toMatchObject({
      code: "conflict",
      message: expect.stringContaining('"crud-twice" exists already'),
    });
  });

  it("names every wrong field of a JSON body with 400", async () => {
    const res = await h.request("POST", "/api/surveys", {
      ...testSurvey("Bad Slug"),
      questions: [{ id: "q", type: "colour", title: "?" }],
    });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("validation_failed");
    expect(error.message).toContain("body.slug");
    expect(error.message).toMatch(/body\.questions(\.0|\[0\])\.type/);
  });

  it("names the field and line of a wrong YAML body, and refuses other content types", async () => {
    const yaml =
      "slug: yaml-bad\ntitle: T\nquestions:\n  - id: q\n    type: nps\n    title: Q\n    required: perhaps\n";
    const res = await h.request("POST", "/api/surveys", yaml, { ...admin, "content-type": "application/yaml" });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/body: questions.*required.*line 7/);
    const broken = await h.request("POST", "/api/surveys", "slug: [unclosed", {
      ...admin,
      "content-type": "application/yaml",
    });
    expect(broken.status).toBe(400);
    const text = await h.request("POST", "/api/surveys", "slug: x", { ...admin, "content-type": "text/plain" });
    expect(text.status).toBe(415);
    const notJson = await h.request("POST", "/api/surveys", "{nope", { ...admin, "content-type": "application/json" });
    expect(notJson.status).toBe(400);
    expect((await h.request("GET", "/api/surveys/yaml-bad")).status).toBe(404);
  });

  it("refuses a body past the admin limit with 413 before parsing it", async () => {
    const huge = { ...testSurvey("crud-huge"), intro: "x".repeat(3 * 1024 * 1024) };
    const res = await h.request("POST", "/api/surveys", huge);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("payload_too_large");
    expect((await h.request("GET", "/api/surveys/crud-huge")).status).toBe(404);
  });

  it("replaces a definition, and refuses a slug that does not match the path", async () => {
    await h.request("POST", "/api/surveys", testSurvey("crud-put"));
    const res = await h.request("PUT", "/api/surveys/crud-put", testSurvey("crud-put", { title: { en: "Renamed" } }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ title: "Renamed" });
    const mismatch = await h.request("PUT", "/api/surveys/crud-put", testSurvey("crud-other"));
    expect(mismatch.status).toBe(400);
    expect((await mismatch.json()).error.message).toMatch(/^body\.slug: must be "crud-put"/);
    expect((await h.request("PUT", "/api/surveys/missing", testSurvey("missing"))).status).toBe(404);
  });

  it("refuses with 409 a change the stored answers forbid, and allows a compatible one", async () => {
    await h.request("POST", "/api/surveys", testSurvey("crud-answered", { access: { mode: "open" } }));
    await h.request("POST", "/api/surveys/crud-answered/open");
    const ctx = { db: h.db, now: () => h.clock.now };
    expect(
      await submitAnswer({
        ctx,
        input: { slug: "crud-answered", form: form({ "q.score": "9" }), ticket: { kind: "none" } },
      }),
    ).toMatchObject({ ok: true });

    const withoutScore = testSurvey("crud-answered", { access: { mode: "open" } });
    withoutScore.questions = withoutScore.questions!.filter((q) => q.id !== "score");
    const refused = await h.request("PUT", "/api/surveys/crud-answered", withoutScore);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toBe('question "score" has answers and cannot be removed');

    const retitled = await h.request(
      "PUT",
      "/api/surveys/crud-answered",
      testSurvey("crud-answered", { access: { mode: "open" }, title: "New title" }),
    );
    expect(retitled.status).toBe(200);
  });

  it("refuses to edit a survey that follows a file", async () => {
    await h.db.query(
      "insert into agora_survey (slug, definition, state, source) values ($1, $2, 'open', 'file:config/surveys/filed.yaml')",
      ["filed", JSON.stringify(testSurvey("filed"))],
    );
    const res = await h.request("PUT", "/api/surveys/filed", testSurvey("filed", { title: "Changed" }));
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toContain("config/surveys/filed.yaml");
  });

  it("deletes a draft without answers, and nothing further along", async () => {
    await h.request("POST", "/api/surveys", testSurvey("crud-delete"));
    expect((await h.request("DELETE", "/api/surveys/crud-delete")).status).toBe(204);
    expect((await h.request("GET", "/api/surveys/crud-delete")).status).toBe(404);
    expect((await h.request("DELETE", "/api/surveys/crud-delete")).status).toBe(404);

    await h.request("POST", "/api/surveys", testSurvey("crud-keep"));
    await h.request("POST", "/api/surveys/crud-keep/open");
    const open = await h.request("DELETE", "/api/surveys/crud-keep");
    expect(open.status).toBe(409);
    expect((await open.json()).error.message).toContain("only a draft can be deleted");
    await h.request("POST", "/api/surveys/crud-keep/close");
    expect((await h.request("DELETE", "/api/surveys/crud-keep")).status).toBe(409);
    expect((await h.request("GET", "/api/surveys/crud-keep")).status).toBe(200);
  });
});

import { constants, createHash, randomBytes, sign } from "node:crypto";
import { addInvites, countInvites, getSurveyBlindPrivateKey, listResponses } from "@agora/db";
import { dialects } from "@agora/db/testing";
import type { SurveyDefinitionInput } from "@agora/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { control, expectEveryControlLabelled } from "./html-checks.ts";
import {
  addSurvey,
  favouriteQuestion,
  formBody,
  formHeaders,
  surveyTestApp,
  type SurveyTestApp,
} from "./page-harness.ts";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const survey = (slug: string, extra: Partial<SurveyDefinitionInput> = {}): SurveyDefinitionInput => ({
  slug,
  languages: ["en", "de"],
  title: { en: `Survey ${slug}`, de: `Umfrage ${slug}` },
  questions: [favouriteQuestion(), { id: "why", type: "short_text", title: "Why?" }],
  ...extra,
});

describe.each(dialects)("access modes and availability on %s", (dialect) => {
  let s: SurveyTestApp;
  beforeAll(async () => {
    s = await surveyTestApp(dialect, {
      page: { rateLimit: { limit: 3, windowMs: 60_000 }, clientAddress: (c) => c.req.header("x-test-client") },
    });
    await addSurvey(s.db, survey("invited", { access: { mode: "invite" } }));
    await addInvites(s.db, "invited", [sha256("good-code-1"), sha256("good-code-2")]);
    await addSurvey(s.db, survey("blinded", { access: { mode: "blind" } }));
    await addSurvey(s.db, survey("drafted"), "draft");
    await addSurvey(s.db, survey("ended"), "closed");
    await addSurvey(s.db, survey("later", { opens_at: "2026-09-01T08:00:00Z" }));
    await addSurvey(s.db, survey("past", { closes_at: "2026-06-01T00:00:00Z" }));
    await addSurvey(s.db, survey("limited"));
  });
  afterAll(() => s.close());

  async function post(slug: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
    const res = await s.app.request(`/s/${slug}`, {
      method: "POST",
      headers: { ...formHeaders, ...headers },
      body: formBody(fields),
    });
    expect(res.headers.get("set-cookie")).toBeNull();
    return { res, page: await res.text() };
  }

  it("invite: the code from the link is filled in, kept across re-renders and spent once", async () => {
    const page = await (await s.app.request("/s/invited?token=good-code-1")).text();
    expectEveryControlLabelled(page);
    expect(page).toContain(
      '<label class="question-label" for="token">Invitation code <span class="required-marker">(required)</span></label>',
    );
    expect(control(page, "token")).toMatchObject({ name: "token", value: "good-code-1" });
    expect(page).toContain('<a href="/s/invited?lang=de&amp;token=good-code-1"');

    const missing = await post("invited", { "q.fav": "a" });
    expect(missing.res.status).toBe(400);
    expect(missing.page).toContain('<a href="#token">Invitation code — Enter your code.</a>');

    const unknown = await post("invited", { token: "made-up", "q.fav": "b", "q.why": "because" });
    expect(unknown.res.status).toBe(400);
    expect(unknown.page).toContain(
      '<a href="#token">Invitation code — This invitation code is unknown or has been used already.</a>',
    );
    expect(control(unknown.page, "token")).toMatchObject({
      value: "made-up",
      "aria-invalid": "true",
      "aria-describedby": "token-help error-token",
    });
    expect(control(unknown.page, "q-fav--b")).toHaveProperty("checked");
    expect(control(unknown.page, "q-why").value).toBe("because");

    const twice = await post("invited", { token: ["good-code-1", "good-code-2"], "q.fav": "a" });
    expect(twice.res.status).toBe(400);
    expect(twice.page).toContain(
      '<a href="#token">Invitation code — Your code was sent more than once: send it once.</a>',
    );

    // A wrong answer with a good code: the code is not spent, and is kept in the form.
    const wrong = await post("invited", { token: "good-code-1" });
    expect(wrong.res.status).toBe(400);
    expect(control(wrong.page, "token").value).toBe("good-code-1");
    expect(await countInvites(s.db, "invited")).toBe(2);

    expect((await post("invited", { token: "good-code-1", "q.fav": "a" })).res.status).toBe(303);
    expect(await countInvites(s.db, "invited")).toBe(1);
    const spent = await post("invited", { token: "good-code-1", "q.fav": "b", lang: "de" });
    expect(spent.res.status).toBe(400);
    expect(spent.page).toContain("Einladungscode — Dieser Einladungscode ist unbekannt oder wurde schon verwendet.");
    expect(await listResponses(s.db, "invited")).toHaveLength(1);
  });

  it("blind: the token section for the blind script, a token checked against the survey's key, spent once", async () => {
    const page = await (await s.app.request("/s/blinded")).text();
    expectEveryControlLabelled(page);
    expect(page).toContain(
      '<section id="blind-token-section" class="question access-token" data-blind-survey="blinded"',
    );
    expect(page).toContain('<script src="/assets/survey-blind.js" defer></script>');
    expect(control(page, "token")).toMatchObject({ name: "token", type: "text" });

    const forged = `${randomBytes(48).toString("base64url")}.${randomBytes(256).toString("base64url")}`;
    const bad = await post("blinded", { token: forged, "q.fav": "a" });
    expect(bad.res.status).toBe(400);
    expect(bad.page).toContain('<a href="#token">Anonymous token — This token is not valid for this survey.</a>');
    expect(control(bad.page, "q-fav")).toHaveProperty("checked");
    expect((await post("blinded", { token: "not a token", "q.fav": "a" })).res.status).toBe(400);

    // RFC 9474's final signature is a plain RSASSA-PSS signature on the prepared message, so
    // the survey's own key signing one directly stands in for the member's unblinded token.
    const privateKey = (await getSurveyBlindPrivateKey(s.db, "blinded"))!;
    const message = randomBytes(64);
    const signature = sign("sha384", message, {
      key: privateKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 48,
    });
    const token = `${message.toString("base64url")}.${signature.toString("base64url")}`;
    // Both problems at once: the token is fine, the answer is missing.
    expect((await post("blinded", { token })).page).toContain("Question 1: Favourite? — Answer this question.");
    expect((await post("blinded", { token, "q.fav": "b" })).res.status).toBe(303);
    const again = await post("blinded", { token, "q.fav": "a" });
    expect(again.res.status).toBe(400);
    expect(again.page).toContain("Anonymous token — This token has been used already.");
    expect(await listResponses(s.db, "blinded")).toHaveLength(1);
  });

  it("says when a survey is a draft, not yet open or closed, for GET and POST, and stores nothing", async () => {
    const drafted = await s.app.request("/s/drafted");
    expect(drafted.status).toBe(403);
    expect(await drafted.text()).toContain("This survey is not open yet.");
    const draftThanks = await s.app.request("/s/drafted/thanks");
    expect(draftThanks.status).toBe(403);
    expect(await draftThanks.text()).not.toContain("Survey drafted");
    const later = await s.app.request("/s/later?lang=de");
    expect(later.status).toBe(403);
    expect(await later.text()).toContain("Diese Umfrage öffnet am 1. September 2026 um 08:00 UTC.");
    const ended = await s.app.request("/s/ended");
    expect(ended.status).toBe(410);
    expect(await ended.text()).toContain("<h1>This survey is closed</h1>");
    const past = await s.app.request("/s/past");
    expect(past.status).toBe(410);
    expect(await past.text()).toContain("This survey closed on June 1, 2026 at 12:00 AM UTC.");
    for (const [slug, status] of [
      ["drafted", 403],
      ["later", 403],
      ["ended", 410],
      ["past", 410],
    ] as const) {
      expect((await post(slug, { "q.fav": "a" })).res.status).toBe(status);
      expect(await listResponses(s.db, slug)).toHaveLength(0);
    }
  });

  it("limits submits per client address on open surveys with 429, in memory, and not invite surveys", async () => {
    for (let i = 0; i < 3; i++)
      expect((await post("limited", { "q.fav": "a" }, { "x-test-client": "192.0.2.7" })).res.status).toBe(303);
    const over = await post("limited", { "q.fav": "a" }, { "x-test-client": "192.0.2.7" });
    expect(over.res.status).toBe(429);
    expect(over.page).toContain('<h2 id="error-summary-title" tabindex="-1">Too many answers</h2>');
    expect(over.res.headers.get("retry-after")).toMatch(/^[1-9][0-9]*$/);
    expect((await post("limited", { "q.fav": "a" }, { "x-test-client": "192.0.2.8" })).res.status).toBe(303);
    // Without a known address (app.request, no connection) nothing is limited.
    expect((await post("limited", { "q.fav": "a" })).res.status).toBe(303);
    expect(await listResponses(s.db, "limited")).toHaveLength(5);
    await addInvites(
      s.db,
      "invited",
      ["a", "b", "c", "d"].map((t) => sha256(`limit-${t}`)),
    );
    for (const t of ["a", "b", "c", "d"])
      expect(
        (await post("invited", { token: `limit-${t}`, "q.fav": "a" }, { "x-test-client": "192.0.2.7" })).res.status,
      ).toBe(303);
  });
});

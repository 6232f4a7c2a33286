import { listResponses } from "@agora/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleSurveyOnOnePage } from "../../src/testing/index.ts";
import {
  addSurvey,
  formBody,
  formHeaders,
  surveyTestApp,
  validExampleAnswers,
  type SurveyTestApp,
} from "./page-harness.ts";

describe("the form's choices as sent back", () => {
  let s: SurveyTestApp;
  beforeAll(async () => {
    s = await surveyTestApp("pglite");
    await addSurvey(s.db, exampleSurveyOnOnePage());
  });
  afterAll(() => s.close());

  const post = (fields: Record<string, string | string[]>) =>
    s.app.request("/s/example", { method: "POST", headers: formHeaders, body: formBody(fields) });

  it("ticks “Other” when an other text came without it, as parseAnswers takes it, so its box stays open", async () => {
    // The other text alone, and a missing required answer so the form comes back.
    const { "q.usage": _usage, ...rest } = validExampleAnswers;
    const res = await post({ ...rest, "q.architectures.other": "loongarch64" });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toMatch(
      /<input type="checkbox" id="q-architectures--other" name="q.architectures" value="other" checked/,
    );
    expect(page).toContain('value="loongarch64"');
    expect(page).toMatch(/<input type="radio" id="q-usage--other" name="q.usage" value="other"(?! checked)/);
  });
});

describe("question numbers", () => {
  let s: SurveyTestApp;
  beforeAll(async () => {
    s = await surveyTestApp("pglite");
    await addSurvey(s.db, {
      slug: "numbers",
      title: "Numbers",
      questions: [
        {
          id: "uses",
          type: "single_choice",
          title: "Do you use it?",
          options: [
            { id: "yes", label: "Yes" },
            { id: "no", label: "No" },
          ],
        },
        { id: "how_long", type: "number", title: "For how long?", show_if: { question: "uses", equals: "yes" } },
        { id: "since_when", type: "short_text", title: "Since when?", show_if: { question: "how_long", at_least: 2 } },
        { id: "wish", type: "long_text", title: "One wish?" },
      ],
    });
  });
  afterAll(() => s.close());

  it("number only questions without a condition, so none is skipped when a conditional one is hidden", async () => {
    const page = await (await s.app.request("/s/numbers")).text();
    const numbers = [
      ...page.matchAll(/<span class="question-number">([^<]*)<\/span> <span class="question-title">([^<]*)</g),
    ].map((m) => `${m[1]} ${m[2]}`);
    expect(numbers).toEqual(["Question 1 Do you use it?", "Question 2 One wish?"]);
    expect(page).toContain('<span class="question-title">For how long?</span>');
    // A hint names a numbered question by its number, a conditional one by its title.
    expect(page).toContain("Answer only if you chose “Yes” in question 1.");
    expect(page).toContain("Answer only if your answer to “For how long?” is 2 or more.");
  });

  it("names questions the same way in the error summary", async () => {
    const res = await s.app.request("/s/numbers", {
      method: "POST",
      headers: formHeaders,
      body: formBody({ "q.uses": "yes", "q.how_long": "many", "q.wish": "x".repeat(6000) }),
    });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain("For how long? — Enter a number, like 12 or 2.5.");
    expect(page).toContain("Question 2: One wish? — Use at most 5000 characters.");
  });
});

describe("options in an order of each visit's own", () => {
  let s: SurveyTestApp;
  const ids = ["a", "b", "c", "d", "e", "f"];
  beforeAll(async () => {
    s = await surveyTestApp("pglite");
    await addSurvey(s.db, {
      slug: "shuffled",
      title: "Shuffled",
      questions: [
        {
          id: "pick",
          type: "multiple_choice",
          required: true,
          shuffle: true,
          other: true,
          title: "Pick some",
          options: ids.map((id) => ({ id, label: id.toUpperCase() })),
        },
        {
          id: "plain",
          type: "single_choice",
          title: "Plain",
          options: ids.map((id) => ({ id, label: id.toUpperCase() })),
        },
        {
          id: "rank",
          type: "ranking",
          shuffle: true,
          title: "Rank",
          options: ids.map((id) => ({ id, label: id.toUpperCase() })),
        },
      ],
    });
  });
  afterAll(() => s.close());

  const post = (fields: Record<string, string | string[]>) =>
    s.app.request("/s/shuffled", { method: "POST", headers: formHeaders, body: formBody(fields) });
  const orderOf = (page: string, name: string) =>
    [...page.matchAll(new RegExp(`name="${name.replace(".", "\\.")}" value="([a-z]+)"`, "g"))].map((m) => m[1]);
  const rankOrder = (page: string) => [...page.matchAll(/<select id="q-rank-([a-z]+)"/g)].map((m) => m[1]);

  it("shuffles the questions that ask for it by the seed the form carries, “Other” last, and keeps that order when the form comes back", async () => {
    const orders = new Set<string>();
    for (const seed of ["a1", "b2", "c3", "d4", "e5", "f6"]) {
      // A missing required answer brings the form back, with the seed it was sent with.
      const res = await post({ order: seed, "q.plain": "a" });
      expect(res.status).toBe(400);
      const page = await res.text();
      expect(page).toContain(`<input type="hidden" name="order" value="${seed}">`);
      const pick = orderOf(page, "q.pick");
      expect(pick.at(-1)).toBe("other");
      expect(pick.slice(0, -1).toSorted()).toEqual(ids);
      expect(orderOf(page, "q.plain")).toEqual(ids);
      expect(rankOrder(page).toSorted()).toEqual(ids);
      orders.add(pick.join());
      // The same seed, the same order.
      const again = await (await post({ order: seed })).text();
      expect(orderOf(again, "q.pick")).toEqual(pick);
      expect(rankOrder(again)).toEqual(rankOrder(page));
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it("gives a first visit a seed of its own, and stores the answers in the definition's order", async () => {
    const page = await (await s.app.request("/s/shuffled")).text();
    expect(page).toMatch(/<input type="hidden" name="order" value="[0-9a-z]{1,16}">/);
    const res = await post({
      order: "a1",
      "q.pick": ["f", "b", "other"],
      "q.pick.other": "G",
      "q.rank.a": "2",
      "q.rank.b": "1",
      "q.rank.c": "3",
      "q.rank.d": "4",
      "q.rank.e": "5",
      "q.rank.f": "6",
    });
    expect(res.status).toBe(303);
    const [stored] = await listResponses(s.db, "shuffled");
    expect(stored?.answers).toEqual({ pick: ["b", "f", "other"], rank: ["b", "a", "c", "d", "e", "f"] });
  });

  it("has no order field on a survey that shuffles nothing", async () => {
    const plain = await surveyTestApp("pglite");
    try {
      await addSurvey(plain.db, exampleSurveyOnOnePage());
      expect(await (await plain.app.request("/s/example")).text()).not.toContain('name="order"');
    } finally {
      await plain.close();
    }
  });
});

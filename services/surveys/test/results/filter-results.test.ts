import type { SurveyAnswers } from "@agora/schemas";
import { dialects, freshDatabase, type TestDatabase } from "@agora/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAnswers } from "../../src/testing/index.ts";
import { resultsApp, resultsSurvey, seedSurvey } from "./results-fixtures.ts";

const survey = resultsSurvey("filtered");
const answers = generateAnswers(survey, 300, 23);
// 27 at home and 3 at work, who all answered "happy": everyone's counts less the home group's
// would be the three at work, unless suppression covers them.
const nearlyAll = resultsSurvey("nearly-all");
const nearlyAllAnswers: SurveyAnswers[] = Array.from({ length: 30 }, (_, i) => ({
  answers: {
    usage: i < 27 ? "home" : "work",
    happy: i < 27 ? 1 + (i % 5) : i === 27 ? 5 : 4,
    tools: i % 2 ? ["vim"] : ["emacs"],
  },
  texts: {},
}));

// The tests look into the JSON with expect(), so it is typed loosely.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;
const small = (n: number) => n >= 1 && n < 5;

describe.each(dialects)("results of one group (?filter=) on %s", (dialect) => {
  let t: TestDatabase;
  let app: ReturnType<typeof resultsApp>;
  beforeAll(async () => {
    t = await freshDatabase(dialect);
    app = resultsApp(t.db);
    await seedSurvey(t.db, survey, answers);
    await seedSurvey(t.db, nearlyAll, nearlyAllAnswers);
  });
  afterAll(() => t.drop());

  const json = async (path: string): Promise<Json> => {
    const res = await app.request(path);
    expect(res.status, path).toBe(200);
    return res.json();
  };

  it("counts the group's answers as the row of the cross-tab by the filter's question", async () => {
    const results = await json("/api/surveys/filtered/results?filter=usage:home");
    const { filtered } = results;
    const group = answers.filter((a) => a.answers.usage === "home");
    expect(filtered).toMatchObject({
      question: "usage",
      value: "home",
      label: "At home",
      responses: group.length,
      tooFew: false,
    });
    expect(filtered.notBrokenDown).toEqual(["usage", "agree", "order", "comment"]);
    expect(filtered.questions.map((q: Json) => q.id)).toEqual(["tools", "score", "happy", "machines"]);
    for (const q of filtered.questions) {
      const { crossTab } = await json(`/api/surveys/filtered/results?x=usage&y=${q.id}`);
      const counts = q.type === "multiple_choice" ? q.options : q.distribution;
      expect(counts.map((c: Json) => c.count)).toEqual(crossTab.cells[0]);
      expect(q.answered).toBe(crossTab.rowTotals[0]);
    }
    const tools = filtered.questions.find((q: Json) => q.id === "tools");
    for (const option of tools.options) {
      const truth = group.filter((a) => (a.answers.tools as string[] | undefined)?.includes(option.id)).length;
      if (option.count !== null) expect(option.count).toBe(truth);
      if (small(truth)) expect(option.count).toBeNull();
    }
  });

  it("never lets a group's counts beside everyone's show the rest of a column as a handful", async () => {
    for (const value of ["home", "work", "other"]) {
      const { filtered, questions } = await json(`/api/surveys/filtered/results?filter=usage:${value}`);
      for (const q of filtered.questions) {
        const everyone = questions.find((e: Json) => e.id === q.id);
        const [mine, all] =
          q.type === "multiple_choice" ? [q.options, everyone.options] : [q.distribution, everyone.distribution];
        mine.forEach((c: Json, j: number) => {
          if (c.count !== null && all[j].count !== null)
            expect(small(all[j].count - c.count), `${value} ${q.id} ${c.id}`).toBe(false);
        });
        if (q.answered !== null && everyone.answered !== null)
          expect(small(everyone.answered - q.answered)).toBe(false);
      }
    }
    const { filtered, questions } = await json("/api/surveys/nearly-all/results?filter=usage:home");
    const happy = filtered.questions.find((q: Json) => q.id === "happy");
    const all = questions.find((q: Json) => q.id === "happy");
    happy.distribution.forEach((c: Json, j: number) => {
      if (c.count !== null && all.distribution[j].count !== null)
        expect(small(all.distribution[j].count - c.count)).toBe(false);
    });
    // The three at work are too few to be a group of their own.
    const work = await json("/api/surveys/nearly-all/results?filter=usage:work");
    expect(work.filtered).toMatchObject({ responses: null, tooFew: true, questions: [] });
  });

  it("refuses a malformed filter, or one naming no answer of a closed question, with a 400 naming it", async () => {
    const cases: [string, RegExp][] = [
      ["usage", /^filter: "usage" needs an answer after a colon/],
      ["Usage:home", /^filter: must be <question id>:<answer>/],
      ["usage:Home", /^filter: "usage" needs an answer/],
      ["nope:home", /^filter: "nope" is not a question of this survey/],
      ["comment:x", /^filter: "comment" is a long text question; filters take choice, rating and NPS questions/],
      ["machines:3", /^filter: "machines" is a number question/],
      ["usage:nope", /^filter: "nope" is not an answer to "usage"/],
    ];
    for (const [filter, message] of cases) {
      const res = await app.request(`/api/surveys/filtered/results?filter=${encodeURIComponent(filter)}`);
      expect(res.status, filter).toBe(400);
      expect(((await res.json()) as Json).error.message).toMatch(message);
    }
    const page = await app.request("/s/filtered/results?filter=usage:nope");
    expect(page.status).toBe(400);
    expect(await page.text()).toContain(
      '<p class="bad" role="alert">filter: &quot;nope&quot; is not an answer to &quot;usage&quot;</p>',
    );
    // The form's "everyone" sends an empty filter.
    expect((await json("/api/surveys/filtered/results?filter=")).filtered).toBeUndefined();
  });

  it("picks the group with a plain GET form and shows its sections, naming what it does not break down", async () => {
    const everyone = await (await app.request("/s/filtered/results")).text();
    expect(everyone).toMatch(
      /<form method="get" action="\/s\/filtered\/results">\n<input type="hidden" name="lang" value="en">/,
    );
    expect(everyone).toContain(
      '<select id="filter-answer" name="filter"><option value="">Everyone</option><optgroup label="How do you use it?"><option value="usage:home">At home</option>',
    );
    const res = await app.request("/s/filtered/results?filter=usage:home");
    expect(res.status).toBe(200);
    const html = await res.text();
    const group = answers.filter((a) => a.answers.usage === "home").length;
    expect(html).toContain(`Results of the ${group} members who answered “At home” to “How do you use it?”.`);
    expect(html).toContain('<option value="usage:home" selected>');
    expect(html).toContain('<h2 id="g-tools">2. Which tools?</h2>');
    expect(html).not.toContain('id="q-tools"');
    expect(html).toContain('<a href="/s/filtered/results?lang=en#q-agree">6. Agree?</a>');
    const hidden = await (await app.request("/s/nearly-all/results?filter=usage:work")).text();
    expect(hidden).toContain("This group is not shown: fewer than 5 members gave this answer");
    expect(hidden).toContain('<h2 id="q-usage">');
    // Not offered: three answered "work".
    expect(hidden).not.toContain('<option value="usage:work"');
  });
});

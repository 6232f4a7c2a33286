import { freshDatabase, type TestDatabase } from "@agora/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answersOverTime } from "../../src/results/over-time.ts";
import { bulkInsertAnswers, generateAnswers } from "../../src/testing/index.ts";
import { resultsApp, resultsSurvey, seedSurvey } from "./results-fixtures.ts";

describe("answers over time", () => {
  it("joins small first and last days inwards, open-ended, and hides small days with what would give them back", () => {
    const days = [
      { day: "2026-06-01", n: 2 },
      { day: "2026-06-02", n: 10 },
      { day: "2026-06-04", n: 3 },
      { day: "2026-06-05", n: 12 },
      { day: "2026-06-06", n: 1 },
    ];
    const made = answersOverTime(days, 5);
    // 3 is hidden; 28 − 12 − 0 − 13 would give it back, so the empty 3 June goes too.
    expect(made).toEqual({
      unit: "day",
      periods: [
        { id: "until-2026-06-02", label: "until 2026-06-02", to: "2026-06-02", count: 12 },
        { id: "2026-06-03", label: "2026-06-03", from: "2026-06-03", to: "2026-06-03", count: null },
        { id: "2026-06-04", label: "2026-06-04", from: "2026-06-04", to: "2026-06-04", count: null },
        { id: "2026-06-05", label: "from 2026-06-05", from: "2026-06-05", count: 13 },
      ],
    });
  });

  it("counts weeks from Monday past a month, and says nothing when all answers fall in one period", () => {
    const made = answersOverTime(
      [
        { day: "2026-05-06", n: 8 },
        { day: "2026-05-07", n: 4 },
        { day: "2026-06-20", n: 9 },
      ],
      5,
    );
    expect(made?.unit).toBe("week");
    expect(made?.periods[0]).toMatchObject({ id: "2026-05-04", to: "2026-05-10", count: 12 });
    expect(made?.periods.at(-1)).toMatchObject({ id: "2026-06-15", from: "2026-06-15", to: "2026-06-21", count: 9 });
    expect(made?.periods.slice(1, -1).every((p) => p.count === 0)).toBe(true);
    expect(
      answersOverTime(
        [
          { day: "2026-06-01", n: 3 },
          { day: "2026-06-02", n: 40 },
        ],
        5,
      ),
    ).toBeUndefined();
  });

  describe("on the results", () => {
    let t: TestDatabase;
    let app: ReturnType<typeof resultsApp>;
    beforeAll(async () => {
      t = await freshDatabase("pglite");
      app = resultsApp(t.db);
      const survey = resultsSurvey("over-days");
      await seedSurvey(t.db, survey, generateAnswers(survey, 40, 2));
      await bulkInsertAnswers(t.db, "over-days", generateAnswers(survey, 25, 3), "2026-06-02");
      await bulkInsertAnswers(t.db, "over-days", generateAnswers(survey, 2, 4), "2026-06-03");
      await bulkInsertAnswers(t.db, "over-days", generateAnswers(survey, 30, 5), "2026-06-04");
    });
    afterAll(() => t.drop());

    it("are in the JSON and on the page, as a table of dates with counts and shares", async () => {
      const results = (await (await app.request("/api/surveys/over-days/results")).json()) as { overTime: unknown };
      expect(results.overTime).toMatchObject({
        unit: "day",
        periods: [{ count: 40 }, { count: null }, { count: null }, { count: 30 }],
      });
      const html = await (await app.request("/s/over-days/results")).text();
      expect(html).toContain('<h2 id="over-time">Answers over time</h2>');
      expect(html).toContain('<th scope="row">Jun 1, 2026<svg class="bar"');
      expect(html).toContain('<td class="num">40</td><td class="num">41%</td>');
      expect(html).toContain('<th scope="row">Jun 3, 2026</th><td class="num">hidden</td>');
      // A group's page links to everyone's answers over time instead of showing them as the group's.
      const group = await (await app.request("/s/over-days/results?filter=tools:vim")).text();
      expect(group).not.toContain('<h2 id="over-time">');
      expect(group).toContain('<a href="/s/over-days/results?lang=en#over-time">Answers over time</a>');
    });
  });
});

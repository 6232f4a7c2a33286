import { deleteSurvey, storeResponse, type Database } from "@agora/db";
import { dialects, freshDatabase, type TestDatabase } from "@agora/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAnswers } from "../../src/testing/index.ts";
import { resultsSurvey, seedSurvey } from "./results-fixtures.ts";

// Results read the counts that triggers keep (migration 0008); they must always equal a count
// made afresh from the answers, whatever way answers came and went.

const kept = (db: Database, slug: string) =>
  db.query(
    "select kind, question, value::text as value, n from agora_survey_answer_count where survey_slug = $1 order by kind, question, value::text",
    [slug],
  );

const afresh = (db: Database, slug: string) =>
  db.query(
    `select kind, question, value, count(*)::int as n from (
       select 'answer' as kind, e.key as question, e.value::text as value
       from agora_survey_response r cross join lateral jsonb_each(r.answers) e where r.survey_slug = $1
       union all
       select 'text', t.key, 'null' from agora_survey_response r cross join lateral jsonb_object_keys(r.texts) t(key) where r.survey_slug = $1
     ) pairs group by kind, question, value order by kind, question, value`,
    [slug],
  );

describe.each(dialects)("answer counts kept by triggers on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(dialect);
  });
  afterAll(() => t.drop());

  it("follow single answers, concurrent answers, bulk inserts and deletions", async () => {
    const survey = resultsSurvey("counted");
    const answers = generateAnswers(survey, 400, 21);
    await seedSurvey(t.db, survey, answers.slice(0, 300));
    const store = (a: (typeof answers)[number]) =>
      storeResponse(t.db, {
        slug: survey.slug,
        answers: a.answers,
        texts: a.texts,
        day: "2026-06-02",
        ticket: { kind: "none" },
      });
    for (const a of answers.slice(300, 330)) await store(a);
    await Promise.all(answers.slice(330, 400).map(store));
    expect(await kept(t.db, survey.slug)).toEqual(await afresh(t.db, survey.slug));

    await t.db.query(
      "delete from agora_survey_response where id in (select id from agora_survey_response where survey_slug = $1 order by id limit 120)",
      [survey.slug],
    );
    const after = await kept(t.db, survey.slug);
    expect(after).toEqual(await afresh(t.db, survey.slug));
    // A value nobody holds any more leaves no row of zero behind.
    expect(after.every((row) => (row as { n: number }).n > 0)).toBe(true);
  });

  it("go with their survey when it is deleted", async () => {
    const survey = resultsSurvey("deleted");
    await seedSurvey(t.db, survey, generateAnswers(survey, 50, 2));
    expect((await kept(t.db, survey.slug)).length).toBeGreaterThan(10);
    expect(await deleteSurvey(t.db, survey.slug)).toBe(true);
    expect(await kept(t.db, survey.slug)).toEqual([]);
  });
});

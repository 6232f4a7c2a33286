import type { Migration } from "../migrate.ts";

// Results read counts, not answers. Counting 100,000 answers of 20 questions at every request
// means taking apart 1.5 million (question, value) pairs: about 700 ms on PostgreSQL with two
// parallel workers, over the 300 ms results may take. So the counts are kept as answers come
// and go, by statement triggers over the transition tables (one grouped upsert per statement,
// whether it stores one answer or a bulk import), and results read a few thousand rows.
//
// A row counts the answers to one question holding one stored value, as it is stored: an
// option id, a number, a multiple choice's ids, a ranking, a likert answer. `kind` 'text' counts
// the free texts per question, with a null value: the texts themselves stay in the responses.
// Nothing here is finer than what the results show, and no time is kept.
//
// Writers of one survey already queue on its row (storeResponse counts the answer there first),
// and the upsert goes in a fixed order, so concurrent bulk inserts cannot deadlock on counts.

/** (survey, kind, question, value, n) for the answers and texts of the responses in `from`. */
const counted = (from: string) => `
  select survey_slug, kind, question, value, count(*)::int as n
  from (
    select r.survey_slug, 'answer' as kind, e.key as question, e.value
    from ${from} r cross join lateral jsonb_each(r.answers) e
    union all
    select r.survey_slug, 'text', t.key, 'null'::jsonb
    from ${from} r cross join lateral jsonb_object_keys(r.texts) t(key)
  ) pairs
  group by survey_slug, kind, question, value`;

export const surveyResults: Migration = {
  id: "0008-survey-results",
  sql: `
    create table agora_survey_answer_count (
      survey_slug text not null references agora_survey (slug) on delete cascade,
      kind text not null check (kind in ('answer', 'text')),
      question text not null,
      value jsonb not null default 'null',
      n integer not null check (n >= 0),
      primary key (survey_slug, kind, question, value)
    );

    create function agora_survey_count_answers() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into agora_survey_answer_count as c (survey_slug, kind, question, value, n)
        ${counted("changed_responses")}
        order by survey_slug, kind, question, value
        on conflict (survey_slug, kind, question, value) do update set n = c.n + excluded.n;
      else
        -- Only rows that exist: when a survey is deleted its counts may be gone already.
        update agora_survey_answer_count c set n = greatest(0, c.n - d.n)
        from (${counted("changed_responses")}) d
        where (c.survey_slug, c.kind, c.question, c.value) = (d.survey_slug, d.kind, d.question, d.value);
        delete from agora_survey_answer_count c
        where c.n = 0 and c.survey_slug in (select survey_slug from changed_responses);
      end if;
      return null;
    end
    $$;

    -- The transition table takes one name in both triggers, so one function serves both.
    create trigger agora_survey_response_counted
      after insert on agora_survey_response
      referencing new table as changed_responses
      for each statement execute function agora_survey_count_answers();

    create trigger agora_survey_response_uncounted
      after delete on agora_survey_response
      referencing old table as changed_responses
      for each statement execute function agora_survey_count_answers();

    -- Answers stored before this step.
    insert into agora_survey_answer_count (survey_slug, kind, question, value, n)
    ${counted("agora_survey_response")};
  `,
};

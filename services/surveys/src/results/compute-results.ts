import {
  countAnswerTexts,
  countAnswerValues,
  countResponsesByDay,
  countSurveyResponses,
  listAnswerTexts,
  type Sql,
} from "@agora/db";
import { defaultLanguage, localize, type SurveyDefinition, type SurveyQuestion } from "@agora/schemas";
import { choiceResults } from "./choice-results.ts";
import { likertResults, rankingResults } from "./matrix-results.ts";
import { numberAxis } from "./number-axis.ts";
import { answersOverTime } from "./over-time.ts";
import { otherLabel, type ResultContext, type ResultData } from "./result-data.ts";
import type { QuestionResults, SurveyResults } from "./results-types.ts";
import { numberResults, scaleResults } from "./scale-results.ts";

export interface ComputeResultsInput {
  definition: SurveyDefinition;
  /** The language of the survey's texts in the results; the survey's first when absent or not offered. */
  lang?: string;
  /** Results for an admin carry the free texts; public results never do. */
  forAdmin?: boolean;
}

/**
 * The results of a survey, counted in the database and suppressed question by question so that
 * no group of fewer than k people (the survey's min_group_size) shows, directly or by
 * subtraction. Fewer than k answers in all: nothing but that.
 */
export async function computeResults(db: Sql, input: ComputeResultsInput): Promise<SurveyResults> {
  const { definition } = input;
  const fallback = defaultLanguage(definition);
  const lang = input.lang && definition.languages.includes(input.lang) ? input.lang : fallback;
  const k = definition.results.min_group_size;
  const base = { slug: definition.slug, title: localize(definition.title, lang, fallback), lang, k };
  const responses = await countSurveyResponses(db, definition.slug);
  if (responses < k) return { ...base, responses: null, tooFew: true, questions: [] };

  const [data, days] = await Promise.all([
    countResults(db, definition, input.forAdmin ?? false),
    countResponsesByDay(db, definition.slug),
  ]);
  const ctx: ResultContext = { k, text: (t) => localize(t, lang, fallback), otherLabel: otherLabel(lang) };
  const questions = definition.questions.map((q) => {
    const result = questionResults(q, data, ctx);
    const texts = data.texts?.get(q.id);
    return texts ? { ...result, texts } : result;
  });
  const overTime = answersOverTime(days, k);
  return { ...base, responses, tooFew: false, questions, ...(overTime && { overTime }) };
}

function questionResults(q: SurveyQuestion, data: ResultData, ctx: ResultContext): QuestionResults {
  switch (q.type) {
    case "single_choice":
    case "multiple_choice":
      return choiceResults(q, data, ctx);
    case "rating":
    case "nps":
      return scaleResults(q, data, ctx);
    case "number":
      return numberResults(q, data, ctx);
    case "likert":
      return likertResults(q, data, ctx);
    case "ranking":
      return rankingResults(q, data, ctx);
    case "short_text":
    case "long_text": {
      const n = data.textCounts.get(q.id) ?? 0;
      return { id: q.id, title: ctx.text(q.title), type: q.type, answered: n >= 1 && n < ctx.k ? null : n };
    }
  }
}

/** The queries run side by side: on PostgreSQL each takes a connection of the pool. */
async function countResults(db: Sql, definition: SurveyDefinition, forAdmin: boolean): Promise<ResultData> {
  const numberQuestions = definition.questions.filter((q) => q.type === "number");
  const countedIds = definition.questions
    .filter((q) => q.type !== "number" && q.type !== "short_text" && q.type !== "long_text")
    .map((q) => q.id);
  const k = definition.results.min_group_size;
  const [values, numbers, textCounts, texts] = await Promise.all([
    countAnswerValues(db, definition.slug, countedIds),
    Promise.all(numberQuestions.map((q) => numberAxis(db, definition.slug, q.id, q.integer, k))),
    countAnswerTexts(db, definition.slug),
    forAdmin ? listAnswerTexts(db, definition.slug) : undefined,
  ]);
  const data: ResultData = { values: new Map(), numbers: new Map(), textCounts: new Map() };
  for (const row of values) {
    const list = data.values.get(row.question) ?? [];
    list.push({ value: row.value, n: row.n });
    data.values.set(row.question, list);
  }
  numberQuestions.forEach((q, i) => {
    const axis = numbers[i];
    if (axis) data.numbers.set(q.id, axis);
  });
  for (const row of textCounts) data.textCounts.set(row.question, row.n);
  if (texts) {
    data.texts = new Map();
    for (const row of texts) {
      const list = data.texts.get(row.question) ?? [];
      list.push(row.text);
      data.texts.set(row.question, list);
    }
  }
  return data;
}

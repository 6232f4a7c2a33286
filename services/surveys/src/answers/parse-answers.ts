import {
  OTHER_OPTION,
  unstorableReason,
  type AnswerValue,
  type SurveyAnswers,
  type SurveyDefinition,
  type SurveyQuestion,
} from "@agora/schemas";
import { fieldName, type AnswerError } from "./answer-errors.ts";
import { isShown } from "./show-if.ts";
import { singleValuedFields } from "./single-valued-fields.ts";

/** A submitted form: every field name with all its values, as `URLSearchParams` gives them. */
export type FormFields = ReadonlyMap<string, readonly string[]>;

export type ParsedAnswers = { ok: true; answers: SurveyAnswers } | { ok: false; errors: AnswerError[] };

/**
 * Turns a submitted form into stored answers, question by question in order, so show-if
 * conditions see the answers before them. Hidden questions are dropped even when a form sends
 * them, and nothing but known fields and options ever reaches storage.
 */
export function parseAnswers(survey: SurveyDefinition, form: FormFields): ParsedAnswers {
  const read = readAnswers(survey, form);
  if (read.errors.length) return { ok: false, errors: read.errors };
  return { ok: true, answers: { answers: Object.fromEntries(read.answers), texts: read.texts } };
}

/** What a form holds so far and what is wrong with it: the answers that parse, beside the errors of those that do not. */
export interface ReadAnswers {
  /** By question id, shown questions only, in the survey's order. */
  answers: ReadonlyMap<string, AnswerValue>;
  texts: Record<string, string>;
  errors: AnswerError[];
}

/**
 * parseAnswers without the verdict: a paged form checks one page at a time, and decides which
 * later questions are shown from the answers of the pages before, whatever the rest holds.
 */
export function readAnswers(survey: SurveyDefinition, form: FormFields): ReadAnswers {
  const answers = new Map<string, AnswerValue>();
  const texts: Record<string, string> = {};
  const errors: AnswerError[] = [];
  for (const question of survey.questions) {
    if (!isShown(question.show_if, answers)) continue;
    const repeated = singleValuedFields(question).find((name) => (form.get(name)?.length ?? 0) > 1);
    const result: QuestionResult = repeated ? { error: "repeated", field: repeated } : parseQuestion(question, form);
    if ("error" in result) {
      errors.push({
        questionId: question.id,
        field: result.field ?? fieldName(question.id),
        code: result.error,
        ...(result.limit !== undefined && { limit: result.limit }),
      });
      continue;
    }
    if (result.value !== undefined) answers.set(question.id, result.value);
    if (result.text !== undefined) texts[question.id] = result.text;
    if (result.value === undefined && result.text === undefined && question.required) {
      errors.push({ questionId: question.id, field: firstField(question), code: "required" });
    }
  }
  return { answers, texts, errors };
}

type QuestionResult =
  { value?: AnswerValue; text?: string } | { error: AnswerError["code"]; field?: string; limit?: number };

function parseQuestion(q: SurveyQuestion, form: FormFields): QuestionResult {
  const values = (part?: string) =>
    (form.get(fieldName(q.id, part)) ?? []).map((v) => v.trim()).filter((v) => v !== "");
  const one = (part?: string) => values(part)[0];
  switch (q.type) {
    case "single_choice":
    case "multiple_choice":
      return parseChoice(q, values(), one(OTHER_OPTION));
    case "rating":
      return parseNumber(one(), { min: q.min, max: q.max, integer: true }, fieldName(q.id));
    case "nps":
      return parseNumber(one(), { min: 0, max: 10, integer: true }, fieldName(q.id));
    case "number":
      return parseNumber(one(), q, fieldName(q.id));
    case "short_text":
    case "long_text": {
      const text = one();
      if (text === undefined) return {};
      if (unstorableReason(text)) return { error: "bad_character" };
      return [...text].length > q.max_length ? { error: "too_long", limit: q.max_length } : { text };
    }
    case "likert":
      return parseLikert(q, one);
    case "ranking":
      return parseRanking(q, one);
  }
}

function parseChoice(
  q: Extract<SurveyQuestion, { type: "single_choice" | "multiple_choice" }>,
  chosen: string[],
  otherText: string | undefined,
): QuestionResult {
  const allowed = new Set(q.options.map((o) => o.id));
  if (q.other) allowed.add(OTHER_OPTION);
  const picks = [...new Set(chosen)];
  if (picks.some((p) => !allowed.has(p))) return { error: "not_an_option" };
  // Typing an "other" text is taken as choosing "other", as a member would expect.
  if (q.other && otherText !== undefined && !picks.includes(OTHER_OPTION)) picks.push(OTHER_OPTION);
  if (picks.includes(OTHER_OPTION) && otherText === undefined)
    return { error: "other_text_missing", field: fieldName(q.id, OTHER_OPTION) };
  if (otherText !== undefined && unstorableReason(otherText))
    return { error: "bad_character", field: fieldName(q.id, OTHER_OPTION) };
  if (otherText !== undefined && [...otherText].length > 200)
    return { error: "too_long", field: fieldName(q.id, OTHER_OPTION), limit: 200 };
  const [first, second] = picks;
  if (first === undefined) return {};
  const text = picks.includes(OTHER_OPTION) ? otherText : undefined;
  if (q.type === "single_choice")
    return second !== undefined ? { error: "too_many", limit: 1 } : { value: first, text };
  if (q.min !== undefined && picks.length < q.min) return { error: "too_few", limit: q.min };
  if (q.max !== undefined && picks.length > q.max) return { error: "too_many", limit: q.max };
  // Stored in the survey's order, so the same choices always look the same.
  const order = [...allowed];
  return { value: picks.sort((a, b) => order.indexOf(a) - order.indexOf(b)), text };
}

function parseNumber(
  raw: string | undefined,
  bounds: { min?: number; max?: number; integer?: boolean },
  field: string,
): QuestionResult {
  if (raw === undefined) return {};
  // Both decimal marks: members type 2,5 as often as 2.5.
  const n = /^-?\d+(?:[.,]\d+)?$/.test(raw) ? Number(raw.replace(",", ".")) : NaN;
  if (!Number.isFinite(n)) return { error: "not_a_number", field };
  if (bounds.integer && !Number.isInteger(n)) return { error: "not_whole", field };
  if (bounds.min !== undefined && n < bounds.min) return { error: "below_min", field, limit: bounds.min };
  if (bounds.max !== undefined && n > bounds.max) return { error: "above_max", field, limit: bounds.max };
  return { value: n };
}

function parseLikert(
  q: Extract<SurveyQuestion, { type: "likert" }>,
  one: (part: string) => string | undefined,
): QuestionResult {
  const scale = new Set(q.scale.map((s) => s.id));
  const rows: Record<string, string> = {};
  for (const row of q.rows) {
    const value = one(row.id);
    if (value === undefined) {
      if (q.required) return { error: "required", field: fieldName(q.id, row.id) };
      continue;
    }
    if (!scale.has(value)) return { error: "not_an_option", field: fieldName(q.id, row.id) };
    rows[row.id] = value;
  }
  return Object.keys(rows).length ? { value: rows } : {};
}

/** Each option gets a position 1…n; all positions are used once, or none is given. */
function parseRanking(
  q: Extract<SurveyQuestion, { type: "ranking" }>,
  one: (part: string) => string | undefined,
): QuestionResult {
  const positions = q.options.map((o) => ({ id: o.id, raw: one(o.id) }));
  const given = positions.filter((p) => p.raw !== undefined);
  if (!given.length) return {};
  const missing = positions.find((p) => p.raw === undefined);
  if (missing) return { error: "ranking_incomplete", field: fieldName(q.id, missing.id) };
  const seen = new Set<number>();
  for (const p of positions) {
    const n = Number(p.raw);
    if (!Number.isInteger(n) || n < 1 || n > q.options.length)
      return { error: "not_an_option", field: fieldName(q.id, p.id) };
    if (seen.has(n)) return { error: "ranking_repeated", field: fieldName(q.id, p.id) };
    seen.add(n);
  }
  return { value: positions.sort((a, b) => Number(a.raw) - Number(b.raw)).map((p) => p.id) };
}

/** Where "this question is required" should take the member: its first field. */
function firstField(q: SurveyQuestion): string {
  // A likert's rows and a ranking's options are never empty (the schema asks for two or more).
  const [first] = q.type === "likert" ? q.rows : q.type === "ranking" ? q.options : [];
  return first ? fieldName(q.id, first.id) : fieldName(q.id);
}

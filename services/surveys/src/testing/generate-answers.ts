import type { Sql } from "@agora/db";
import type { AnswerValue, SurveyAnswers, SurveyDefinition, SurveyQuestion } from "@agora/schemas";
import { fieldName, isShown, type FormFields } from "../answers/index.ts";

/** A small seeded generator (LCG), so generated answers are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Answers shaped like a real survey's: a few popular options and a long tail, ratings leaning
 * high, an NPS with many 8–10s, counts of machines spread over orders of magnitude, optional
 * questions skipped now and then, show-if respected.
 */
export function generateAnswers(definition: SurveyDefinition, count: number, seed = 1): SurveyAnswers[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => {
    // Zipf-like: the first option twice as likely as the second, and so on.
    const weights = items.map((_, i) => 1 / (i + 1));
    let r = random() * weights.reduce((a, b) => a + b, 0);
    for (const [i, item] of items.entries()) if ((r -= 1 / (i + 1)) < 0) return item;
    const last = items.at(-1);
    if (last === undefined) throw new Error("pick needs at least one item to pick from");
    return last;
  };
  return Array.from({ length: count }, () => {
    const answers = new Map<string, AnswerValue>();
    const texts: Record<string, string> = {};
    for (const q of definition.questions) {
      if (!isShown(q.show_if, answers)) continue;
      if (!q.required && random() < 0.12) continue;
      const value = answerFor(q, random, pick);
      if (value.value !== undefined) answers.set(q.id, value.value);
      if (value.text !== undefined) texts[q.id] = value.text;
    }
    return { answers: Object.fromEntries(answers), texts };
  });
}

function answerFor(
  q: SurveyQuestion,
  random: () => number,
  pick: <T>(items: readonly T[]) => T,
): { value?: AnswerValue; text?: string } {
  switch (q.type) {
    case "single_choice": {
      const ids = [...q.options.map((o) => o.id), ...(q.other ? ["other"] : [])];
      const id = pick(ids);
      return id === "other" ? { value: id, text: `something else ${Math.floor(random() * 50)}` } : { value: id };
    }
    case "multiple_choice": {
      const ids = q.options.map((o) => o.id).filter((_, i) => random() < 0.7 / (i + 1));
      const [first] = q.options;
      const chosen = ids.length || !first ? ids : [first.id];
      if (q.other && random() < 0.05) return { value: [...chosen, "other"], text: "another one" };
      return { value: chosen };
    }
    case "rating":
      return { value: Math.max(q.min, q.max - Math.floor(random() * random() * (q.max - q.min + 1))) };
    case "nps":
      return { value: Math.max(0, 10 - Math.floor(random() * random() * 11)) };
    case "number": {
      const raw = Math.round(Math.exp(random() * random() * 10));
      const bounded = Math.min(q.max ?? Infinity, Math.max(q.min ?? -Infinity, raw));
      return { value: q.integer ? Math.round(bounded) : bounded + Math.round(random() * 10) / 10 };
    }
    case "likert":
      return {
        value: Object.fromEntries(
          q.rows.filter(() => random() < 0.9).map((r) => [r.id, pick(q.scale.map((s) => s.id))]),
        ),
      };
    case "ranking": {
      const ids = q.options.map((o) => o.id);
      // Nearly in the listed order, with a few neighbours swapped.
      for (let i = 0; i < ids.length - 1; i++) if (random() < 0.4) ids.splice(i, 2, ...ids.slice(i, i + 2).reverse());
      return { value: ids };
    }
    case "short_text":
    case "long_text":
      return random() < 0.3 ? { text: `text ${Math.floor(random() * 1000)}` } : {};
  }
}

/** Many answers in few statements, as an import would store them (the benchmark's 100,000 too). */
export async function bulkInsertAnswers(
  sql: Sql,
  slug: string,
  answers: readonly SurveyAnswers[],
  day = "2026-06-01",
): Promise<void> {
  for (let i = 0; i < answers.length; i += 5000) {
    const batch = answers.slice(i, i + 5000);
    await sql.query(
      `insert into agora_survey_response (survey_slug, day, answers, texts)
       select $1, $2::date, a, t from unnest($3::jsonb[], $4::jsonb[]) as x(a, t)`,
      [slug, day, batch.map((b) => JSON.stringify(b.answers)), batch.map((b) => JSON.stringify(b.texts))],
    );
  }
  await sql.query("update agora_survey set answer_count = answer_count + $2 where slug = $1", [slug, answers.length]);
}

/** The form a member's browser would post for these answers, for `submitAnswer`. */
export function answersToForm(definition: SurveyDefinition, answers: SurveyAnswers): FormFields {
  const form = new Map<string, string[]>();
  const add = (name: string, value: string) => form.set(name, [...(form.get(name) ?? []), value]);
  for (const q of definition.questions) {
    const value = answers.answers[q.id];
    const text = answers.texts[q.id];
    if (q.type === "likert" && value && typeof value === "object" && !Array.isArray(value)) {
      for (const [row, column] of Object.entries(value)) add(fieldName(q.id, row), column);
    } else if (q.type === "ranking" && Array.isArray(value)) {
      value.forEach((id, i) => add(fieldName(q.id, id), String(i + 1)));
    } else if (Array.isArray(value)) {
      for (const id of value) add(fieldName(q.id), id);
    } else if (value !== undefined) {
      add(fieldName(q.id), String(value));
    }
    if (text !== undefined)
      add(q.type === "short_text" || q.type === "long_text" ? fieldName(q.id) : fieldName(q.id, "other"), text);
  }
  return form;
}

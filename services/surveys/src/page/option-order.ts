import type { SurveyDefinition, SurveyOption, SurveyQuestion } from "@agora/schemas";
import type { FormFields } from "../answers/index.ts";
import type { FormView } from "./form-view.ts";
import { firstValue } from "./read-form.ts";

/**
 * The hidden field with the seed of this visit's option orders. It travels in the form, like the
 * answers of other pages, so a form sent back or the next page shows the same order; it is never
 * stored, and a new visit gets a new one.
 */
export const ORDER_FIELD = "order";

export function hasShuffledOptions(definition: SurveyDefinition): boolean {
  return definition.questions.some((q) => "shuffle" in q && q.shuffle === true);
}

/** The seed a form sent, or a new random one when it sent none (or not one of ours). */
export function orderSeed(form: FormFields): string {
  const sent = firstValue(form, ORDER_FIELD);
  if (sent && /^[0-9a-z]{1,16}$/.test(sent)) return sent;
  const [n = 0] = crypto.getRandomValues(new Uint32Array(1));
  return n.toString(36);
}

/** A question's options as the member sees them: shuffled when it asks for it, else as defined. */
export function inOrder(view: FormView, q: Extract<SurveyQuestion, { options: SurveyOption[] }>): SurveyOption[] {
  return "shuffle" in q && q.shuffle && view.order ? shuffled(q.options, view.order, q.id) : q.options;
}

/** `items` in the order that `seed` gives question `key`: each question of a visit gets its own order. */
export function shuffled<T>(items: readonly T[], seed: string, key: string): T[] {
  const random = mulberry32(fnv1a(`${seed}:${key}`));
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** A small seeded generator: an order needs to be repeatable from its seed, not unpredictable. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

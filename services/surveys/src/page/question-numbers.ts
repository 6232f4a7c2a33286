import type { SurveyDefinition } from "@agora/schemas";

const cache = new WeakMap<SurveyDefinition, ReadonlyMap<string, number>>();

/**
 * The number each question shows: questions without a show-if condition are numbered in order,
 * and a conditional one shows none. Numbers therefore never skip when a question is hidden, and
 * never change while a member answers: the same with JavaScript on or off, on every page of a
 * paged survey, in the hints ("…in question 8"), the error summary and the admin's preview. The
 * other way, numbering again from the answers so far on each page, cannot know what a member
 * picks on the page being shown without JavaScript, so its numbers would still skip there.
 */
export function questionNumbers(definition: SurveyDefinition): ReadonlyMap<string, number> {
  let numbers = cache.get(definition);
  if (!numbers) {
    const unconditional = definition.questions.filter((q) => !q.show_if);
    numbers = new Map(unconditional.map((q, i) => [q.id, i + 1]));
    cache.set(definition, numbers);
  }
  return numbers;
}

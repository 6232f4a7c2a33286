import type { AnswerValue, ShowIf } from "@agora/schemas";

/**
 * Whether a question with this condition is shown, given the answers so far. A question whose
 * condition refers to an unanswered (or hidden) question is hidden, unless the condition asks
 * for exactly that (`answered: false`).
 */
export function isShown(condition: ShowIf | undefined, answers: ReadonlyMap<string, AnswerValue>): boolean {
  if (!condition) return true;
  if ("all" in condition) return condition.all.every((c) => isShown(c, answers));
  if ("any" in condition) return condition.any.some((c) => isShown(c, answers));
  if ("not" in condition) return !isShown(condition.not, answers);
  const value = answers.get(condition.question);
  if ("answered" in condition) return (value !== undefined) === condition.answered;
  if (value === undefined) return false;
  if ("equals" in condition) return chosen(value).includes(String(condition.equals));
  if ("any_of" in condition) return chosen(value).some((v) => condition.any_of.includes(v));
  if (typeof value !== "number") return false;
  return (
    (condition.at_least === undefined || value >= condition.at_least) &&
    (condition.at_most === undefined || value <= condition.at_most)
  );
}

/** The values an answer stands for: a choice, several choices, or a number as text. */
function chosen(value: AnswerValue): string[] {
  if (Array.isArray(value)) return value;
  if (typeof value === "object") return Object.values(value);
  return [String(value)];
}

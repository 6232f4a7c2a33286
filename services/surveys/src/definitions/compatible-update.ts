import type { SurveyDefinition, SurveyQuestion } from "@agora/schemas";
import { optionLists } from "@agora/schemas";

/**
 * Why a new definition cannot replace one that already has answers, or undefined when it can.
 * Texts, new questions and new options may change at any time; taking away or retyping what
 * stored answers refer to would leave them meaning something else.
 */
export function incompatibleChange(before: SurveyDefinition, after: SurveyDefinition): string | undefined {
  if (before.access.mode !== after.access.mode)
    return `access.mode cannot change from ${before.access.mode} once there are answers`;
  const next = new Map(after.questions.map((q) => [q.id, q]));
  for (const old of before.questions) {
    const now = next.get(old.id);
    if (!now) return `question "${old.id}" has answers and cannot be removed`;
    if (now.type !== old.type)
      return `question "${old.id}" has answers and cannot change its type from ${old.type} to ${now.type}`;
    const missing = missingOption(old, now);
    if (missing) return `question "${old.id}" has answers and cannot lose its option "${missing}"`;
  }
  return undefined;
}

function missingOption(before: SurveyQuestion, after: SurveyQuestion): string | undefined {
  const kept = new Set(optionLists(after).flatMap(([key, list]) => list.map((o) => `${key}:${o.id}`)));
  for (const [key, list] of optionLists(before)) {
    const gone = list.find((o) => !kept.has(`${key}:${o.id}`));
    if (gone) return gone.id;
  }
  return undefined;
}

import { OTHER_OPTION, type SurveyQuestion } from "@agora/schemas";
import { fieldName } from "./answer-errors.ts";

/**
 * The form fields of a question that carry one value each: all but a multiple choice's boxes. A
 * browser sends each of them once, so a second value is a forged or broken form, and which one
 * to keep would be a guess.
 */
export function singleValuedFields(q: SurveyQuestion): string[] {
  switch (q.type) {
    case "single_choice":
      return q.other ? [fieldName(q.id), fieldName(q.id, OTHER_OPTION)] : [fieldName(q.id)];
    case "multiple_choice":
      return q.other ? [fieldName(q.id, OTHER_OPTION)] : [];
    case "likert":
      return q.rows.map((row) => fieldName(q.id, row.id));
    case "ranking":
      return q.options.map((option) => fieldName(q.id, option.id));
    default:
      return [fieldName(q.id)];
  }
}

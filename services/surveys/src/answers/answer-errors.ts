/** Why an answer was refused; the page words each code in the member's language. */
export type AnswerErrorCode =
  | "required"
  | "not_an_option"
  | "too_few"
  | "too_many"
  | "not_a_number"
  | "not_whole"
  | "below_min"
  | "above_max"
  | "too_long"
  | "other_text_missing"
  | "ranking_incomplete"
  | "ranking_repeated"
  /** A single-valued field sent more than once. */
  | "repeated"
  /** A NUL or a lone surrogate in a text: nothing a person types, and the database cannot store it. */
  | "bad_character";

export interface AnswerError {
  questionId: string;
  /** The form field to focus, so an error summary can link straight to it. */
  field: string;
  code: AnswerErrorCode;
  /** The bound that was crossed (min, max, length), where the code has one. */
  limit?: number;
}

/** The name of a question's form field, or of one of its parts (a likert row, a ranked option, the other text). */
export function fieldName(questionId: string, part?: string): string {
  return part === undefined ? `q.${questionId}` : `q.${questionId}.${part}`;
}

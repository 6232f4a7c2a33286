export { fieldName, type AnswerError, type AnswerErrorCode } from "./answer-errors.ts";
export { parseAnswers, type FormFields, type ParsedAnswers } from "./parse-answers.ts";
export { isShown } from "./show-if.ts";

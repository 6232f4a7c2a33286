export { fieldName, type AnswerError, type AnswerErrorCode } from "./answer-errors.ts";
export { parseAnswers, readAnswers, type FormFields, type ParsedAnswers, type ReadAnswers } from "./parse-answers.ts";
export { isShown } from "./show-if.ts";

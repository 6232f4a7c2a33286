export * from "./answers/index.ts";
export { runBlindToken } from "./cli/index.ts";
export { readSurveyFiles, type SurveyFile, type SurveyFilesResult } from "./definitions/read-survey-files.ts";
export { seedSurveyFiles, type SeedOutcome } from "./definitions/seed-survey-files.ts";
export { startSurveyClock, type SurveyClock } from "./milestones/index.ts";
export { surveyRoutes } from "./routes.ts";
export type { SurveyContext, SurveyDeps } from "./survey-deps.ts";
export { submitAnswer, type SubmitAnswerInput, type SubmitAnswerResult } from "./verbs/submit-answer.ts";

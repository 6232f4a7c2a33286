export { exampleSurvey, exampleSurveyOnOnePage, surveysDir } from "./example-survey.ts";
export { answersToForm, bulkInsertAnswers, generateAnswers, seededRandom } from "./generate-answers.ts";

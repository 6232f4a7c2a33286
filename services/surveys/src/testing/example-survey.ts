import { readSurveyFiles } from "../definitions/read-survey-files.ts";

/** The repository's survey folder, which holds the example community survey. */
export const surveysDir = new URL("../../../../config/surveys", import.meta.url).pathname;

/** The example community survey, as `npm start` loads it. */
export function exampleSurvey() {
  const result = readSurveyFiles(surveysDir);
  if (!result.ok) throw new Error(result.problems.join("\n"));
  const file = result.files.find((f) => f.definition.slug === "example");
  if (!file) throw new Error("config/surveys has no example survey");
  return file.definition;
}

/**
 * The example on one page, each option list in the file's order: the example without its
 * sections and `shuffle`, for tests of the one-page form that look at every question at once.
 */
export function exampleSurveyOnOnePage() {
  const { sections: _sections, ...definition } = exampleSurvey();
  return { ...definition, questions: definition.questions.map((q) => ("shuffle" in q ? { ...q, shuffle: false } : q)) };
}

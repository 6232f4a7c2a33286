import { localize, type LocalizedText, type SurveyDefinition, type SurveyQuestion } from "@agora/schemas";
import { answerColumns, type AnswerColumn, type ColumnContent, type ValueLabel } from "./answer-columns.ts";

/** One CSV column as the codebook describes it. */
export interface CodebookColumn {
  /** 1 for the first column. */
  column: number;
  name: string;
  /** Exactly the CSV's header cell. */
  header: string;
  question?: string;
  /** The option (multiple choice, ranking) or the row (likert) of the column. */
  option?: string;
  /** How to read the column: `string`, `integer`, `number` or `date` (YYYY-MM-DD). */
  type: "string" | "integer" | "number" | "date";
  holds: string;
  values?: ValueLabel[];
  empty?: string;
}

/** Everything the CSV's cells mean, without any answer in it. */
export interface SurveyCodebook {
  slug: string;
  /** The language of the CSV's headers and of the columns' labels here: the survey's first. */
  language: string;
  languages: string[];
  title: Record<string, string>;
  csv: { encoding: string; delimiter: string; lineEnd: string; header: string; bom: string; formulas: string };
  columns: CodebookColumn[];
  /** The questions as defined, every text in every language, with the names of their columns. */
  questions: Record<string, unknown>[];
}

const HOLDS: Record<ColumnContent, string> = {
  "answer-id": "the answer's random id (a UUID): the order of answers says nothing of when they came",
  day: "the day (UTC) the answer was stored",
  "option-id": "the id of the option chosen (labels in values)",
  chosen: "1 when this option was chosen, 0 when the question was answered without it",
  "other-text": 'the member\'s own words for the "Other" option',
  position: "the position this option was ranked at, 1 = first",
  "scale-point":
    "the scale point chosen for this row, as its position in the scale (1 = first; labels and scale ids in values)",
  number: "the number given",
  text: "the member's text as written",
};

function columnType(c: AnswerColumn, survey: SurveyDefinition): CodebookColumn["type"] {
  if (c.content === "day") return "date";
  if (c.content === "chosen" || c.content === "position" || c.content === "scale-point") return "integer";
  if (c.content === "number") {
    const q = survey.questions.find((q) => q.id === c.question);
    return q?.type === "number" && !q.integer ? "number" : "integer";
  }
  return "string";
}

/**
 * The codebook of a survey's CSV export: each column in order with its header, its id, what it
 * holds and the labels of its values; then each question with its options in every language.
 * It holds the definition only, nothing of any answer, so it needs no suppression.
 */
export function answersCodebook(survey: SurveyDefinition): SurveyCodebook {
  const [language = "en"] = survey.languages;
  const all = (text: LocalizedText) =>
    Object.fromEntries(survey.languages.map((l) => [l, localize(text, l, language)]));
  const columns = answerColumns(survey);
  return {
    slug: survey.slug,
    language,
    languages: survey.languages,
    title: all(survey.title),
    csv: {
      encoding: "UTF-8",
      delimiter: ",",
      lineEnd: "CRLF",
      header: `one row: question texts in "${language}", an option or row in brackets; this codebook's column names are the ids`,
      bom: "only when asked for (bom=1), for Excel on Windows",
      formulas:
        "a text cell starting with = + - @, a tab or a carriage return starts with an added ' so that spreadsheets show it as text; remove it before analysing the text",
    },
    columns: columns.map((c, i) => ({
      column: i + 1,
      name: c.name,
      header: c.header,
      ...(c.question && { question: c.question }),
      ...(c.option && { option: c.option }),
      type: columnType(c, survey),
      holds: HOLDS[c.content],
      ...(c.values && { values: c.values }),
      ...(c.empty && { empty: c.empty }),
    })),
    questions: survey.questions.map((q) =>
      codebookQuestion(
        q,
        all,
        columns.filter((c) => c.question === q.id).map((c) => c.name),
      ),
    ),
  };
}

function codebookQuestion(
  q: SurveyQuestion,
  all: (text: LocalizedText) => Record<string, string>,
  columns: string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...q, title: all(q.title) };
  if (q.help) out.help = all(q.help);
  const labelled = (options: readonly { id: string; label: LocalizedText }[]) =>
    options.map((o) => ({ id: o.id, label: all(o.label) }));
  if (q.type === "single_choice" || q.type === "multiple_choice" || q.type === "ranking")
    out.options = labelled(q.options);
  if (q.type === "likert") {
    out.rows = labelled(q.rows);
    out.scale = labelled(q.scale);
  }
  if (q.type === "rating" && q.labels) out.labels = { min: all(q.labels.min), max: all(q.labels.max) };
  if (q.type === "number" && q.unit) out.unit = all(q.unit);
  out.columns = columns;
  return out;
}

/** The question types the builder adds, in the order its menu offers them, with the words it uses. */
export const QUESTION_TYPES = {
  single_choice: "One choice",
  multiple_choice: "Several choices",
  rating: "Rating",
  nps: "Net Promoter Score (0 to 10)",
  likert: "Agreement matrix (likert)",
  number: "Number",
  short_text: "Short text",
  long_text: "Long text",
  ranking: "Ranking",
} as const;
export type QuestionType = keyof typeof QUESTION_TYPES;
export const isQuestionType = (value: unknown): value is QuestionType =>
  typeof value === "string" && Object.hasOwn(QUESTION_TYPES, value);

export type ListKey = "options" | "rows" | "scale";

/** The option lists a question type has: likert has two. */
export function listKeys(type: unknown): ListKey[] {
  if (type === "likert") return ["rows", "scale"];
  if (type === "single_choice" || type === "multiple_choice" || type === "ranking") return ["options"];
  return [];
}

/** How the builder names one list and one item of it. */
export const LIST_WORDS: Record<ListKey, { list: string; item: string; id: string }> = {
  options: { list: "Options", item: "option", id: "option" },
  rows: { list: "Statements (rows)", item: "statement", id: "row" },
  scale: { list: "Answer scale (columns)", item: "point", id: "point" },
};

export interface TypeFields {
  numbers?: { key: string; label: string; hint?: string }[];
  flags?: { key: string; label: string }[];
  /** Texts in the survey's languages, at a path inside the question (rating's end labels are nested). */
  texts?: { path: [string] | [string, string]; label: string }[];
}

const other = { key: "other", label: "Offer “Other”, with a short text of the member's own" };

/** The fields of each type beyond id, title, help, required, its option lists and show-if. */
export const TYPE_FIELDS: Record<QuestionType, TypeFields> = {
  single_choice: { flags: [other] },
  multiple_choice: {
    flags: [other],
    numbers: [
      { key: "min", label: "Fewest picks", hint: "Empty for no lower limit." },
      { key: "max", label: "Most picks", hint: "Empty for no upper limit." },
    ],
  },
  rating: {
    numbers: [
      { key: "min", label: "Lowest point", hint: "0 or 1; 1 when empty." },
      { key: "max", label: "Highest point", hint: "2 to 10; 5 when empty." },
    ],
    texts: [
      { path: ["labels", "min"], label: "Word for the lowest point" },
      { path: ["labels", "max"], label: "Word for the highest point" },
    ],
  },
  nps: {},
  likert: {},
  number: {
    numbers: [
      { key: "min", label: "Smallest number", hint: "Empty for no limit." },
      { key: "max", label: "Largest number", hint: "Empty for no limit." },
    ],
    flags: [{ key: "integer", label: "Whole numbers only" }],
    texts: [{ path: ["unit"], label: "Unit" }],
  },
  short_text: {
    numbers: [{ key: "max_length", label: "Longest answer, in characters", hint: "Up to 1,000; 200 when empty." }],
  },
  long_text: {
    numbers: [{ key: "max_length", label: "Longest answer, in characters", hint: "Up to 20,000; 5,000 when empty." }],
  },
  ranking: {},
};

/** Types whose answer is a number, so a show-if's `equals` compares with a number. */
export const NUMERIC_TYPES: ReadonlySet<unknown> = new Set(["rating", "nps", "number"]);

/** Every key the builder has a field for, on a question; any other is kept as it is. */
export function knownQuestionKeys(type: unknown): Set<string> {
  const fields = isQuestionType(type) ? TYPE_FIELDS[type] : {};
  return new Set([
    "id",
    "type",
    "title",
    "help",
    "required",
    "show_if",
    ...listKeys(type),
    ...(fields.numbers ?? []).map((f) => f.key),
    ...(fields.flags ?? []).map((f) => f.key),
    ...(fields.texts ?? []).map((f) => f.path[0]),
  ]);
}

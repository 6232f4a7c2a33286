import type { StoredResponse } from "@agora/db";
import { localize, OTHER_OPTION, type LocalizedText, type SurveyDefinition } from "@agora/schemas";
import { uiStrings } from "../page/ui-strings.ts";

/** What the cells of a column hold; the codebook says it in words. */
export type ColumnContent =
  "answer-id" | "day" | "option-id" | "chosen" | "other-text" | "position" | "scale-point" | "number" | "text";

/** One value a column can hold and what it means, in the export's language. */
export interface ValueLabel {
  value: string | number;
  label: string;
  /** For a likert row's code: the scale point's id, as stored and in the JSON export. */
  id?: string;
}

/** One column of the CSV export: its names, how to read its cell from a stored answer, and what it means. */
export interface AnswerColumn {
  /** A stable, unique id: `id`, `day`, the question's id, `<question>.<option or row>`, or `<question>.other.text`. */
  name: string;
  /** The header cell: question text in the export's language, an option or row in brackets. Unique. */
  header: string;
  question?: string;
  /** The option (multiple choice, ranking) or row (likert) the column is about. */
  option?: string;
  content: ColumnContent;
  /** The values the column holds and their meaning, where it has a closed list (or a scale's ends). */
  values?: ValueLabel[];
  /** What an empty cell means. */
  empty?: string;
  cell(response: StoredResponse): string | number | undefined;
}

/**
 * The CSV export's columns, for analysts' tools: one header row of texts a reader recognises
 * (the survey's first language), one column per value to analyse, cells as numbers wherever the
 * answer is a number, a position or a yes/no, so that R, pandas and spreadsheets read them as
 * numbers without any recoding:
 *
 * - single choice: the option's id (a nominal value: a number would invite averaging), and the
 *   "other" text in a column of its own;
 * - multiple choice: one column per option (and "other"), 1 chosen, 0 not chosen, empty when the
 *   question was not answered, so a column's sum is the option's count and its mean the share of
 *   those who answered;
 * - ranking: one column per option, the position it was given (1 = first);
 * - likert: one column per row, the scale point's position (1 = first), an ordinal code whose
 *   labels the codebook gives;
 * - rating, NPS, number: the number; texts as written.
 *
 * Names (`tools.vim`) are the column's ids in the codebook; they never appear in the CSV.
 */
export function answerColumns(survey: SurveyDefinition): AnswerColumn[] {
  const [lang = "en"] = survey.languages;
  const say = (t: LocalizedText) => oneLine(localize(t, lang, lang));
  const t = uiStrings(lang);
  const notAnswered = "not answered, or not shown to this member";
  const columns: AnswerColumn[] = [
    { name: "id", header: "id", content: "answer-id", cell: (r) => r.id },
    { name: "day", header: "day", content: "day", cell: (r) => r.day },
  ];
  for (const q of survey.questions) {
    const title = say(q.title);
    const value = (r: StoredResponse) => r.answers[q.id];
    const base = { question: q.id, empty: notAnswered };
    const otherText = (): AnswerColumn => ({
      ...base,
      name: `${q.id}.${OTHER_OPTION}.text`,
      header: `${title} [${t.otherText}]`,
      content: "other-text",
      empty: `"${t.otherOption}" not chosen, or the question not answered`,
      cell: (r) => r.texts[q.id],
    });
    switch (q.type) {
      case "single_choice": {
        const values: ValueLabel[] = q.options.map((o) => ({ value: o.id, label: say(o.label) }));
        if (q.other) values.push({ value: OTHER_OPTION, label: t.otherOption });
        columns.push({
          ...base,
          name: q.id,
          header: title,
          content: "option-id",
          values,
          cell: (r) => stringValue(value(r)),
        });
        if (q.other) columns.push(otherText());
        break;
      }
      case "multiple_choice": {
        const options = [
          ...q.options.map((o) => ({ id: o.id, label: say(o.label) })),
          ...(q.other ? [{ id: OTHER_OPTION, label: t.otherOption }] : []),
        ];
        for (const o of options) {
          columns.push({
            ...base,
            name: `${q.id}.${o.id}`,
            header: `${title} [${o.label}]`,
            option: o.id,
            content: "chosen",
            values: [
              { value: 1, label: "chosen" },
              { value: 0, label: "not chosen" },
            ],
            cell: (r) => chosen(value(r), o.id),
          });
        }
        if (q.other) columns.push(otherText());
        break;
      }
      case "ranking": {
        const positions = q.options.map((_, i) => ({
          value: i + 1,
          label: i === 0 ? "ranked first" : i === q.options.length - 1 ? "ranked last" : `ranked ${ordinal(i + 1)}`,
        }));
        for (const o of q.options) {
          columns.push({
            ...base,
            name: `${q.id}.${o.id}`,
            header: `${title} [${say(o.label)}]`,
            option: o.id,
            content: "position",
            values: positions,
            cell: (r) => position(value(r), o.id),
          });
        }
        break;
      }
      case "likert": {
        const scale = q.scale.map((s, i) => ({ value: i + 1, id: s.id, label: say(s.label) }));
        for (const row of q.rows) {
          columns.push({
            ...base,
            name: `${q.id}.${row.id}`,
            header: `${title} [${say(row.label)}]`,
            option: row.id,
            content: "scale-point",
            values: scale,
            cell: (r) => scalePoint(value(r), row.id, scale),
          });
        }
        break;
      }
      case "rating":
      case "nps":
      case "number": {
        const ends =
          q.type === "nps"
            ? [
                { value: 0, label: t.npsLow },
                { value: 10, label: t.npsHigh },
              ]
            : q.type === "rating" && q.labels
              ? [
                  { value: q.min, label: say(q.labels.min) },
                  { value: q.max, label: say(q.labels.max) },
                ]
              : undefined;
        columns.push({
          ...base,
          name: q.id,
          header: title,
          content: "number",
          ...(ends && { values: ends }),
          cell: (r) => numberValue(value(r)),
        });
        break;
      }
      case "short_text":
      case "long_text":
        columns.push({ ...base, name: q.id, header: title, content: "text", cell: (r) => r.texts[q.id] });
        break;
    }
  }
  return uniqueHeaders(columns);
}

/** A header on one line: titles may hold line breaks, which tools would show as a line of their own. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Headers must differ, or R and pandas rename the later ones (`x.1`, `x.1`) and a reader cannot
 * tell them apart: two questions with one title get their ids in parentheses.
 */
function uniqueHeaders(columns: AnswerColumn[]): AnswerColumn[] {
  const seen = new Map<string, number>();
  for (const c of columns) seen.set(c.header, (seen.get(c.header) ?? 0) + 1);
  return columns.map((c) => ((seen.get(c.header) ?? 0) > 1 ? { ...c, header: `${c.header} (${c.name})` } : c));
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}

function stringValue(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function numberValue(value: unknown): number | undefined {
  return typeof value === "number" ? value : undefined;
}

/** 1 or 0 when the question was answered, empty when it was not: "not chosen" and "not asked" differ. */
function chosen(value: unknown, option: string): number | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.includes(option) ? 1 : 0;
}

function position(value: unknown, option: string): number | undefined {
  if (!Array.isArray(value)) return undefined;
  const at = value.indexOf(option);
  return at < 0 ? undefined : at + 1;
}

function scalePoint(value: unknown, row: string, scale: readonly ValueLabel[]): number | string | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const cell = (value as Record<string, unknown>)[row];
  if (typeof cell !== "string") return undefined;
  // Scale points cannot be removed once there are answers, so every stored one has a position;
  // should one ever lack it, its id is written rather than the answer lost.
  return scale.find((s) => s.id === cell)?.value ?? cell;
}

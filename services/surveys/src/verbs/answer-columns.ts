import { OTHER_OPTION, type SurveyDefinition } from "@agora/schemas";
import type { StoredResponse } from "@agora/db";

/** One column of an export: its header and how to read its cell from a stored answer. */
export interface AnswerColumn {
  header: string;
  cell(response: StoredResponse): string | number | undefined;
}

/**
 * The export's columns: the random id, the day, then one per question, one per likert row, and
 * one for each "other" text. Several choices, and a ranking in order, share a cell joined by `;`.
 */
export function answerColumns(survey: SurveyDefinition): AnswerColumn[] {
  const columns: AnswerColumn[] = [
    { header: "id", cell: (r) => r.id },
    { header: "day", cell: (r) => r.day },
  ];
  for (const q of survey.questions) {
    const value = (r: StoredResponse) => r.answers[q.id];
    switch (q.type) {
      case "single_choice":
      case "multiple_choice":
        columns.push({ header: q.id, cell: (r) => joined(value(r)) });
        if (q.other) columns.push({ header: `${q.id}.${OTHER_OPTION}`, cell: (r) => r.texts[q.id] });
        break;
      case "ranking":
        columns.push({ header: q.id, cell: (r) => joined(value(r)) });
        break;
      case "likert":
        for (const row of q.rows) {
          columns.push({ header: `${q.id}.${row.id}`, cell: (r) => rowValue(value(r), row.id) });
        }
        break;
      case "short_text":
      case "long_text":
        columns.push({ header: q.id, cell: (r) => r.texts[q.id] });
        break;
      case "rating":
      case "nps":
      case "number":
        columns.push({ header: q.id, cell: (r) => { const v = value(r); return typeof v === "number" ? v : undefined; } });
        break;
    }
  }
  return columns;
}

function joined(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(String).join(";");
  return undefined;
}

function rowValue(value: unknown, row: string): string | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const cell = (value as Record<string, unknown>)[row];
  return typeof cell === "string" ? cell : undefined;
}

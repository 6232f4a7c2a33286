import type { StoredResponse } from "@agora/db";
import type { SurveyDefinition } from "@agora/schemas";
import { answerColumns } from "./answer-columns.ts";

/**
 * A text cell as RFC 4180 wants it, made safe for spreadsheets: a cell starting with = + - @ (or
 * a tab or carriage return) would be run as a formula when the file is opened, and a member's
 * free text is exactly where someone would try that, so it gets a leading single quote. Numbers
 * from number questions are written as they are: a number is never a formula.
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Every answer as CSV: a header line, then a line per answer, CRLF line ends (RFC 4180). */
export function answersCsv(survey: SurveyDefinition, responses: readonly StoredResponse[]): string {
  const columns = answerColumns(survey);
  const lines = [columns.map((c) => csvCell(c.header)).join(",")];
  for (const response of responses) lines.push(columns.map((c) => csvCell(c.cell(response))).join(","));
  return lines.join("\r\n") + "\r\n";
}

import type { StoredResponse } from "@agora/db";
import type { SurveyDefinition } from "@agora/schemas";
import { stringify, type Options } from "csv-stringify/sync";
import { answerColumns } from "./answer-columns.ts";

export interface CsvOptions {
  /**
   * Starts the file with a UTF-8 byte order mark. Excel on Windows needs it to read UTF-8 (without
   * it, "Größe" shows as "GrÃ¶ÃŸe"); R's `read.csv` keeps it in the first header unless told
   * `fileEncoding = "UTF-8-BOM"`. So it is asked for, not the default.
   */
  bom?: boolean;
}

/**
 * How csv-stringify writes every export: RFC 4180 with CRLF line ends, and
 *
 * - `quoted_match: /[\r\n]/`: a cell holding a line break is quoted. The library quotes a cell
 *   holding the record delimiter (CRLF) but not a lone LF or CR, which R, pandas and spreadsheets
 *   would all take for the end of a row.
 * - `escape_formulas`: a text cell starting with = + - @, a tab or a carriage return (and their
 *   full-width forms) gets a leading `'`, so a spreadsheet shows a member's `=HYPERLINK(…)` as text
 *   instead of running it (OWASP's advice for CSV injection). Numbers are left alone: -3 from a
 *   number question is a number, never a formula.
 */
const CSV_OPTIONS: Options = { record_delimiter: "windows", quoted_match: /[\r\n]/, escape_formulas: true };

/** Every answer as CSV: one header row of question texts, then a row per answer. */
export function answersCsv(
  survey: SurveyDefinition,
  responses: readonly StoredResponse[],
  options: CsvOptions = {},
): string {
  const columns = answerColumns(survey);
  const rows = responses.map((r) => columns.map((c) => c.cell(r)));
  return stringify(rows, {
    ...CSV_OPTIONS,
    bom: options.bom ?? false,
    header: true,
    columns: columns.map((c, i) => ({ key: String(i), header: c.header })),
  });
}

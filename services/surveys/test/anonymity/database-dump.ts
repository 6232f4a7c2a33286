import type { Sql } from "@agora/db";
import { expect } from "vitest";

export interface TableDump {
  table: string;
  columns: { name: string; type: string }[];
  /** Every row as PostgreSQL prints it (`row::text`), so every column of every type is in it. */
  rows: string[];
}

/** Every table of every schema but the system catalogues, with all its rows as text. */
export async function dumpDatabase(db: Sql): Promise<TableDump[]> {
  const columns = await db.query<{ table_schema: string; table_name: string; column_name: string; data_type: string }>(
    `select c.table_schema, c.table_name, c.column_name, c.data_type
     from information_schema.columns c
     join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where t.table_type = 'BASE TABLE' and c.table_schema not in ('pg_catalog', 'information_schema')
     order by c.table_schema, c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, TableDump>();
  for (const c of columns) {
    const name = `"${c.table_schema}"."${c.table_name}"`;
    const dump = tables.get(name) ?? { table: `${c.table_schema}.${c.table_name}`, columns: [], rows: [] };
    dump.columns.push({ name: c.column_name, type: c.data_type });
    tables.set(name, dump);
  }
  for (const [name, dump] of tables) {
    const rows = await db.query<{ row: string }>(`select t::text as row from ${name} t`);
    dump.rows = rows.map((r) => r.row);
  }
  return [...tables.values()];
}

const SURVEY_TABLES = ["public.agora_survey_response", "public.agora_survey_invite", "public.agora_survey_spent_token"];
const TIME_OF_DAY = /\d{2}:\d{2}(:\d{2})?/;

/**
 * The three tables that hold what members sent, from `dump`, once it is checked that none has a
 * time column and no row holds a time of day: an answer is kept with its day alone.
 */
export function undatedSurveyTables(dump: TableDump[]): TableDump[] {
  const surveyTables = dump.filter((t) => SURVEY_TABLES.includes(t.table));
  expect(surveyTables).toHaveLength(3);
  for (const table of surveyTables) {
    expect(
      table.columns.filter((c) => /time|interval/.test(c.type)),
      `${table.table} has no time column`,
    ).toEqual([]);
    for (const row of table.rows) expect(row, `a row of ${table.table}`).not.toMatch(TIME_OF_DAY);
  }
  return surveyTables;
}

import type { Sql } from "@agora/db";

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

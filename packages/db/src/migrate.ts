import { migrations } from "./migrations/index.ts";
import type { Sql } from "./sql.ts";

/** Any fixed number works; it only has to be the same in every replica. */
const MIGRATION_LOCK = 0x4147_4f52;

export interface Migration {
  id: string;
  sql: string;
}

/**
 * Applies the migrations not yet recorded, in order, in one transaction. Replicas starting at
 * once wait on a transaction-scoped advisory lock, so exactly one of them applies each step.
 */
export async function migrate(db: Sql, steps: readonly Migration[] = migrations): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query("select pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await tx.query(
      `create table if not exists agora_migration (
         id text primary key,
         applied_at timestamptz not null default now()
       )`,
    );
    const done = new Set((await tx.query<{ id: string }>("select id from agora_migration")).map((r) => r.id));
    const applied: string[] = [];
    for (const step of steps) {
      if (done.has(step.id)) continue;
      await tx.executeSql(step.sql);
      await tx.query("insert into agora_migration (id) values ($1)", [step.id]);
      applied.push(step.id);
    }
    return applied;
  });
}

import type { Migration } from "../migrate.ts";

// Key prefixes under which nothing is sent for now (`gitlab:issue:12:`: everything about a
// project made private). A take-back by key knows only the messages sent by then; a message
// queued before it, not yet sent, would still go out. A prefix stops those too, whoever queued
// them, until the producer lifts it (the project seen public again).
export const matrixWithheld: Migration = {
  id: "0018-matrix-withheld",
  sql: `
    create table agora_matrix_withheld (
      prefix text primary key,
      withheld_at timestamptz not null default now()
    );
  `,
};

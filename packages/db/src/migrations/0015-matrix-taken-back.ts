import type { Migration } from "../migrate.ts";

// The dedupe keys of messages a redaction took back, sent or not. A redaction can reach the
// notifier before the message it removes (that one still queued, retrying or in flight): the
// key is remembered here, so the message is never sent afterwards, nor any edit of it.
export const matrixTakenBack: Migration = {
  id: "0015-matrix-taken-back",
  sql: `
    create table agora_matrix_taken_back (
      dedupe_key text primary key,
      taken_at timestamptz not null default now()
    );
  `,
};

import type { Migration } from "../migrate.ts";

// One row per message the notifier has sent (or claimed for a digest), by the producer's dedupe
// key: a job whose key has an event id is not sent again, and later jobs find here the event to
// reply in the thread of, edit or redact. `event_id` is null only for a low-priority message
// claimed by a digest that has not been confirmed yet; `digest_key` names that digest, so a
// retry after a crash resends the same digest (same transaction id) rather than a new one.
export const matrixMessages: Migration = {
  id: "0002-matrix-messages",
  sql: `
    create table agora_matrix_message (
      dedupe_key text primary key,
      room_id text not null,
      event_id text,
      sent_at timestamptz,
      digest_key text,
      digest_body text
    );
    create index agora_matrix_message_digest on agora_matrix_message (digest_key) where digest_key is not null;
    create index agora_matrix_message_sent on agora_matrix_message (sent_at desc) where sent_at is not null;
  `,
};

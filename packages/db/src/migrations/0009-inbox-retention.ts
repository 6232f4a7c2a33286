import type { Migration } from "../migrate.ts";

// Dedupe keys become sha256 digests: a key is built from headers the sender chooses, and one
// of a few KB made the unique index refuse the row (and with it every delivery of its batch).
// A digest is 64 characters whatever came in. Old keys are hashed the same way the intake now
// hashes them, so a redelivery of an old delivery is still recognised.
//
// Retention deletes final rows by age; the partial index finds them without reading pending
// rows, and stays small because the rows it holds are the ones being deleted.
export const inboxRetention: Migration = {
  id: "0009-inbox-retention",
  sql: `
    update agora_inbox set dedupe_key = encode(sha256(convert_to(dedupe_key, 'UTF8')), 'hex');
    alter table agora_inbox add constraint agora_inbox_dedupe_key_digest check (dedupe_key ~ '^[0-9a-f]{64}$');
    create index agora_inbox_final on agora_inbox (processed_at) where processed_at is not null;
  `,
};

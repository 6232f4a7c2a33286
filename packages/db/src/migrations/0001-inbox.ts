import type { Migration } from "../migrate.ts";

// The raw body is kept as text, not jsonb: jsonb refuses "\u0000", and a webhook must be
// stored whatever it holds. Headers kept are the delivery's metadata, never its secret.
export const inbox: Migration = {
  id: "0001-inbox",
  sql: `
    create table agora_inbox (
      id uuid primary key default gen_random_uuid(),
      source text not null check (source in ('gitlab', 'discourse')),
      dedupe_key text not null,
      event text not null,
      headers jsonb not null,
      body text not null,
      received_at timestamptz not null default now(),
      processed_at timestamptz,
      process_count integer not null default 0,
      outcome text,
      unique (source, dedupe_key)
    );
    create index agora_inbox_received on agora_inbox (received_at desc);
    -- Out of line but uncompressed: compressing every body costs the intake more CPU than the
    -- disk it saves, and processed deliveries are not kept for long.
    alter table agora_inbox alter column body set storage external;
  `,
};

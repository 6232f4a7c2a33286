import type { Migration } from "../migrate.ts";

// What the bug triage decided, one row per issue (the latest decision), for the triage page and
// for "never route this again"; and what people corrected, as training data. A correction also
// marks the issue as a person's: the bot never routes it again, whatever later events say.
export const triage: Migration = {
  id: "0005-triage",
  sql: `
    create table agora_triage_decision (
      project_id bigint not null,
      issue_iid bigint not null,
      sig text not null,
      confidence double precision not null,
      mode text not null check (mode in ('act', 'ask')),
      reasons text[] not null default '{}',
      confidential boolean not null,
      decided_at timestamptz not null default now(),
      primary key (project_id, issue_iid)
    );
    create index agora_triage_decision_sig on agora_triage_decision (sig, decided_at desc);
    create table agora_triage_correction (
      project_id bigint not null,
      issue_iid bigint not null,
      title text not null,
      description text not null,
      sig text,
      corrected_by text not null,
      corrected_at timestamptz not null default now(),
      primary key (project_id, issue_iid)
    );
  `,
};

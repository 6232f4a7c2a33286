import type { Migration } from "../migrate.ts";

// What the triage page shows of a decision: the title and link (left empty for a
// confidential issue, whose text is never kept), the top suggestions of an `ask`, and whether the
// issue is still open, so a question closed in GitLab leaves the page.
export const triageDecisionDetails: Migration = {
  id: "0006-triage-decision-details",
  sql: `
    alter table agora_triage_decision
      add column title text not null default '',
      add column url text not null default '',
      add column suggestions jsonb not null default '[]',
      add column is_open boolean not null default true;
  `,
};

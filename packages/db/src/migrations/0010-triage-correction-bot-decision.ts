import type { Migration } from "../migrate.ts";

// What the bot had decided when a person corrected an issue, kept on the correction: the
// accuracy figures need it, and the decision row cannot keep it, since `!triage … sig` replaces
// it with the person's choice. Null when the bot had not decided before the person did.
//
// Older corrections take the decision row if it is older than the correction: a decision
// written after its correction is the one chat wrote for the person (the bot never decides an
// issue after a correction), and the bot's own is lost for those.
export const triageCorrectionBotDecision: Migration = {
  id: "0010-triage-correction-bot-decision",
  sql: `
    alter table agora_triage_correction
      add column bot_sig text,
      add column bot_mode text check (bot_mode in ('act', 'ask')),
      add column bot_decided_at timestamptz;
    update agora_triage_correction c
       set bot_sig = d.sig, bot_mode = d.mode, bot_decided_at = d.decided_at
      from agora_triage_decision d
     where d.project_id = c.project_id and d.issue_iid = c.issue_iid and d.decided_at <= c.corrected_at;
  `,
};

import type { Sql } from "../sql.ts";

/** How the bot's routing fared with people, over one window; see `triageAccuracy`. */
export interface TriageAccuracy {
  /** Bugs the bot decided: acted on or asked about. */
  decisions: number;
  /** Decisions it acted on alone: labelled and assigned. */
  acted: number;
  /** Of those, how many a person then moved to another SIG or took the SIG label off. */
  corrected: number;
  /** Decisions it asked a person about. */
  asked: number;
  /** Of those, how many a person then put in a SIG. */
  placed: number;
  /** Of those placed, how many went to the SIG the bot suggested first. */
  placedAsSuggested: number;
  /** 1 − corrected / acted; null when it acted on nothing. */
  precision: number | null;
  /** acted / decisions; null when it decided nothing. */
  coverage: number | null;
}

export interface TriageAccuracyBySig {
  overall: TriageAccuracy;
  /**
   * By the SIG the bot chose (for an `ask`, the one it suggested first), not the one a person
   * chose: precision is how often the bot was right when it named that SIG. An `ask` with no
   * guess at all has sig "". Sorted by SIG.
   */
  bySig: (TriageAccuracy & { sig: string })[];
}

/**
 * The bot's precision and coverage, from the decisions made since `since` and what people did
 * with them since (at any time up to now, so the newest decisions have had the least time to be
 * corrected). The bot's decision is the one kept with a correction when there is one, since chat
 * replaces the decision row with the person's choice; an issue a person routed before the bot
 * decided counts nowhere. Confidential issues are left out, as on the triage page, so that no
 * count tells of them.
 */
export async function triageAccuracy(db: Sql, { since }: { since: Date }): Promise<TriageAccuracyBySig> {
  const rows = await db.query<CountRow>(
    `with bot as (
       select case when c.project_id is null then d.sig else c.bot_sig end as sig,
              case when c.project_id is null then d.mode else c.bot_mode end as mode,
              case when c.project_id is null then d.decided_at else c.bot_decided_at end as decided_at,
              c.project_id is not null as corrected,
              c.sig as person_sig
         from agora_triage_decision d
         left join agora_triage_correction c on c.project_id = d.project_id and c.issue_iid = d.issue_iid
        where not d.confidential
     )
     select sig, grouping(sig) as grouped,
            count(*) as decisions,
            count(*) filter (where mode = 'act') as acted,
            count(*) filter (where mode = 'act' and corrected and person_sig is distinct from sig) as corrected,
            count(*) filter (where mode = 'ask') as asked,
            count(*) filter (where mode = 'ask' and person_sig is not null) as placed,
            count(*) filter (where mode = 'ask' and person_sig = sig) as placed_as_suggested
       from bot
      where decided_at >= $1
      group by grouping sets ((sig), ())
      order by sig`,
    [since],
  );
  const overallRow = rows.find((r) => Number(r.grouped) === 1);
  return {
    overall: overallRow ? accuracy(overallRow) : accuracy(undefined),
    bySig: rows.filter((r) => Number(r.grouped) === 0).map((r) => ({ sig: r.sig ?? "", ...accuracy(r) })),
  };
}

type Count = "decisions" | "acted" | "corrected" | "asked" | "placed" | "placed_as_suggested";
// Counts come back as strings from node-postgres (bigint) and as numbers from PGlite.
type CountRow = { sig: string | null; grouped: number } & Record<Count, number | string>;

function accuracy(row: CountRow | undefined): TriageAccuracy {
  const n = (key: Count) => Number(row?.[key] ?? 0);
  const [decisions, acted, corrected] = [n("decisions"), n("acted"), n("corrected")];
  return {
    decisions,
    acted,
    corrected,
    asked: n("asked"),
    placed: n("placed"),
    placedAsSuggested: n("placed_as_suggested"),
    precision: acted === 0 ? null : 1 - corrected / acted,
    coverage: decisions === 0 ? null : acted / decisions,
  };
}

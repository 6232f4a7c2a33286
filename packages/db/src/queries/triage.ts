import type { Sql } from "../sql.ts";

/** What the triage worker decided for an issue; the latest decision replaces the earlier one. */
export interface TriageDecisionRecord {
  projectId: number;
  issueIid: number;
  sig: string;
  confidence: number;
  mode: "act" | "ask";
  reasons: readonly string[];
  confidential: boolean;
  /** Kept only for issues that are not confidential. */
  title?: string;
  url?: string;
  /** `group/project`, for references people copy back into chat commands. */
  projectPath?: string;
  /** The top suggestions, best first; what an `ask` offers. */
  suggestions?: readonly { sig: string; confidence: number }[];
}

export async function saveTriageDecision(db: Sql, d: TriageDecisionRecord): Promise<void> {
  // A confidential issue's title never reaches the database: its text stays in GitLab.
  const title = d.confidential ? "" : (d.title ?? "");
  await db.query(
    `insert into agora_triage_decision (project_id, issue_iid, sig, confidence, mode, reasons, confidential, title, url, suggestions, is_open, project_path)
     values ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9, $10::jsonb, true, $11)
     on conflict (project_id, issue_iid) do update
       set sig = excluded.sig, confidence = excluded.confidence, mode = excluded.mode, reasons = excluded.reasons,
           confidential = excluded.confidential, title = excluded.title,
           url = coalesce(nullif(excluded.url, ''), agora_triage_decision.url),
           project_path = coalesce(nullif(excluded.project_path, ''), agora_triage_decision.project_path),
           suggestions = excluded.suggestions, is_open = true, decided_at = now()`,
    [
      d.projectId,
      d.issueIid,
      d.sig,
      d.confidence,
      d.mode,
      d.reasons,
      d.confidential,
      title,
      d.url ?? "",
      JSON.stringify(d.suggestions ?? []),
      d.projectPath ?? "",
    ],
  );
}

/** Records that the issue was closed (or opened again) in GitLab; a closed question leaves the page. */
export async function setTriageDecisionOpen(
  db: Sql,
  projectId: number,
  issueIid: number,
  open: boolean,
): Promise<void> {
  await db.query("update agora_triage_decision set is_open = $3 where project_id = $1 and issue_iid = $2", [
    projectId,
    issueIid,
    open,
  ]);
}

export async function findTriageDecision(
  db: Sql,
  projectId: number,
  issueIid: number,
): Promise<(TriageDecisionRecord & { decidedAt: Date }) | undefined> {
  const [row] = await db.query<{
    sig: string;
    confidence: number;
    mode: "act" | "ask";
    reasons: string[];
    confidential: boolean;
    url: string;
    suggestions: { sig: string; confidence: number }[];
    decided_at: Date | string;
  }>(
    `select sig, confidence, mode, reasons, confidential, url, suggestions, decided_at
       from agora_triage_decision where project_id = $1 and issue_iid = $2`,
    [projectId, issueIid],
  );
  if (!row) return undefined;
  const { decided_at, ...rest } = row;
  return { projectId, issueIid, ...rest, confidence: Number(row.confidence), decidedAt: new Date(decided_at) };
}

/** A person's SIG choice for an issue (null when they removed the label): training data. */
export interface TriageCorrection {
  projectId: number;
  issueIid: number;
  title: string;
  description: string;
  sig: string | null;
  correctedBy: string;
}

/**
 * The latest correction of an issue wins: it is what the person meant last. The first one also
 * keeps what the bot had decided (if it had), for the accuracy figures: a later correction finds
 * the decision row holding the person's earlier choice, so it leaves that copy alone.
 */
export async function saveTriageCorrection(db: Sql, c: TriageCorrection): Promise<void> {
  await db.query(
    `insert into agora_triage_correction (project_id, issue_iid, title, description, sig, corrected_by, bot_sig, bot_mode, bot_decided_at)
     select $1::bigint, $2::bigint, $3::text, $4::text, $5::text, $6::text, d.sig, d.mode, d.decided_at
       from (values (1)) as one
       left join agora_triage_decision d on d.project_id = $1::bigint and d.issue_iid = $2::bigint
     on conflict (project_id, issue_iid) do update
       set title = excluded.title, description = excluded.description, sig = excluded.sig,
           corrected_by = excluded.corrected_by, corrected_at = now()`,
    [c.projectId, c.issueIid, c.title, c.description, c.sig, c.correctedBy],
  );
}

export async function findTriageCorrection(
  db: Sql,
  projectId: number,
  issueIid: number,
): Promise<TriageCorrection | undefined> {
  const [row] = await db.query<{ title: string; description: string; sig: string | null; corrected_by: string }>(
    "select title, description, sig, corrected_by from agora_triage_correction where project_id = $1 and issue_iid = $2",
    [projectId, issueIid],
  );
  return (
    row && {
      projectId,
      issueIid,
      title: row.title,
      description: row.description,
      sig: row.sig,
      correctedBy: row.corrected_by,
    }
  );
}

/**
 * The corrections that name a SIG, oldest first: what people taught the bot, to retrain on. A
 * removed label (sig null) teaches nothing, and an issue the bot recorded as confidential is left
 * out, as history import leaves confidential issues out: its text stays in GitLab.
 */
export async function listTriageCorrections(db: Sql): Promise<(TriageCorrection & { sig: string })[]> {
  const rows = await db.query<{
    project_id: number | string;
    issue_iid: number | string;
    title: string;
    description: string;
    sig: string;
    corrected_by: string;
  }>(
    `select c.project_id, c.issue_iid, c.title, c.description, c.sig, c.corrected_by
       from agora_triage_correction c
       left join agora_triage_decision d on d.project_id = c.project_id and d.issue_iid = c.issue_iid
      where c.sig is not null and not coalesce(d.confidential, false)
      order by c.corrected_at, c.project_id, c.issue_iid`,
  );
  return rows.map((r) => ({
    projectId: Number(r.project_id),
    issueIid: Number(r.issue_iid),
    title: r.title,
    description: r.description,
    sig: r.sig,
    correctedBy: r.corrected_by,
  }));
}

/** A decision as the triage page shows it: never a confidential one. */
export interface TriagePageDecision {
  projectId: number;
  issueIid: number;
  sig: string;
  confidence: number;
  mode: "act" | "ask";
  reasons: string[];
  title: string;
  url: string;
  suggestions: { sig: string; confidence: number }[];
  decidedAt: Date;
}

/**
 * A SIG's open questions (every `ask` decision) and what was routed to it since `since`. Confidential
 * issues are filtered here, in SQL, so no caller can list or count them by mistake; issues a person
 * has since corrected are left out, since they are no longer the bot's to show.
 */
export async function listTriageDecisionsForSig(db: Sql, sig: string, since: Date): Promise<TriagePageDecision[]> {
  const rows = await db.query<{
    project_id: number | string;
    issue_iid: number | string;
    sig: string;
    confidence: number;
    mode: "act" | "ask";
    reasons: string[];
    title: string;
    url: string;
    suggestions: { sig: string; confidence: number }[];
    decided_at: Date | string;
  }>(
    `select d.project_id, d.issue_iid, d.sig, d.confidence, d.mode, d.reasons, d.title, d.url, d.suggestions, d.decided_at
       from agora_triage_decision d
       left join agora_triage_correction c on c.project_id = d.project_id and c.issue_iid = d.issue_iid
      where d.sig = $1 and not d.confidential and c.project_id is null
        and ((d.mode = 'ask' and d.is_open) or (d.mode = 'act' and d.decided_at >= $2))
      order by d.decided_at desc, d.project_id, d.issue_iid
      limit 500`,
    [sig, since],
  );
  return rows.map((r) => ({
    projectId: Number(r.project_id),
    issueIid: Number(r.issue_iid),
    sig: r.sig,
    confidence: Number(r.confidence),
    mode: r.mode,
    reasons: r.reasons,
    title: r.title,
    url: r.url,
    suggestions: r.suggestions,
    decidedAt: new Date(r.decided_at),
  }));
}

/** Per SIG: open `ask` decisions and those routed since `since`, confidential ones not counted. */
export async function triageCountsBySig(
  db: Sql,
  since: Date,
): Promise<{ sig: string; untriaged: number; routed: number }[]> {
  const rows = await db.query<{ sig: string; untriaged: number | string; routed: number | string }>(
    `select d.sig,
            count(*) filter (where d.mode = 'ask' and d.is_open) as untriaged,
            count(*) filter (where d.mode = 'act' and d.decided_at >= $1) as routed
       from agora_triage_decision d
       left join agora_triage_correction c on c.project_id = d.project_id and c.issue_iid = d.issue_iid
      where not d.confidential and c.project_id is null
      group by d.sig`,
    [since],
  );
  return rows.map((r) => ({ sig: r.sig, untriaged: Number(r.untriaged), routed: Number(r.routed) }));
}

export interface QueuedDecision {
  projectId: number;
  issueIid: number;
  sig: string;
  confidence: number;
  mode: "act" | "ask";
  confidential: boolean;
  /** As recorded with the decision; empty for a confidential issue or an older decision. */
  title: string;
  /** Empty for older decisions. */
  url: string;
  projectPath: string;
  suggestions: { sig: string; confidence: number }[];
  decidedAt: Date;
}

/**
 * The latest decisions, newest first, for one SIG or all: what the `!triage queue` chat command
 * lists. `waiting` keeps only the open questions (what waits for a person) that no person has
 * answered since; `sig` then matches the bot's best guess.
 */
export async function listRecentDecisions(
  db: Sql,
  { sig, limit, waiting = false }: { sig: string | undefined; limit: number; waiting?: boolean },
): Promise<QueuedDecision[]> {
  const rows = await db.query<{
    project_id: number | string;
    issue_iid: number | string;
    sig: string;
    confidence: number;
    mode: "act" | "ask";
    confidential: boolean;
    title: string;
    url: string;
    project_path: string;
    suggestions: { sig: string; confidence: number }[];
    decided_at: Date | string;
  }>(
    // A question whose issue was closed in GitLab is no longer in the queue.
    `select d.project_id, d.issue_iid, d.sig, d.confidence, d.mode, d.confidential, d.title, d.url, d.project_path, d.suggestions, d.decided_at
       from agora_triage_decision d
       left join agora_triage_correction c on c.project_id = d.project_id and c.issue_iid = d.issue_iid
      where ($1::text is null or d.sig = $1) and (d.mode = 'act' or d.is_open)
        and (not $3::boolean or (d.mode = 'ask' and c.project_id is null))
      order by d.decided_at desc, d.project_id, d.issue_iid limit $2`,
    [sig ?? null, limit, waiting],
  );
  return rows.map((row) => ({
    projectId: Number(row.project_id),
    issueIid: Number(row.issue_iid),
    sig: row.sig,
    confidence: Number(row.confidence),
    mode: row.mode,
    confidential: row.confidential,
    title: row.title,
    url: row.url,
    projectPath: row.project_path,
    suggestions: row.suggestions,
    decidedAt: new Date(row.decided_at),
  }));
}

/**
 * An issue made confidential after the bot decided on it: its title is forgotten and it leaves
 * every triage page, count and listing, which all leave confidential decisions out.
 */
export async function markTriageDecisionConfidential(db: Sql, projectId: number, issueIid: number): Promise<void> {
  await db.query(
    "update agora_triage_decision set confidential = true, title = '' where project_id = $1 and issue_iid = $2",
    [projectId, issueIid],
  );
}

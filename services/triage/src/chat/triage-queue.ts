import type { Sql } from "@agora/db";

export interface QueuedDecision {
  projectId: number;
  issueIid: number;
  sig: string;
  confidence: number;
  mode: "act" | "ask";
  confidential: boolean;
  /** As recorded with the decision; empty for a confidential issue or an older decision. */
  title: string;
  decidedAt: Date;
}

/** The latest decisions, newest first, for one SIG or all: what `!triage queue` lists. */
export async function listRecentDecisions(db: Sql, { sig, limit }: { sig: string | undefined; limit: number }): Promise<QueuedDecision[]> {
  const rows = await db.query<{
    project_id: number | string;
    issue_iid: number | string;
    sig: string;
    confidence: number;
    mode: "act" | "ask";
    confidential: boolean;
    title: string;
    decided_at: Date | string;
  }>(
    // A question whose issue was closed in GitLab is no longer in the queue.
    `select project_id, issue_iid, sig, confidence, mode, confidential, title, decided_at from agora_triage_decision
     where ($1::text is null or sig = $1) and (mode = 'act' or is_open)
     order by decided_at desc, project_id, issue_iid limit $2`,
    [sig ?? null, limit],
  );
  return rows.map((row) => ({
    projectId: Number(row.project_id),
    issueIid: Number(row.issue_iid),
    sig: row.sig,
    confidence: Number(row.confidence),
    mode: row.mode,
    confidential: row.confidential,
    title: row.title,
    decidedAt: new Date(row.decided_at),
  }));
}

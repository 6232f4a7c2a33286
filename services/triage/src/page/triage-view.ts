import { listTriageDecisionsForSig, triageCountsBySig, type Sql, type TriagePageDecision } from "@agora/db";
import type { Community, Sig } from "@agora/schemas";
import { AppError } from "@agora/http";

export interface TriagePageDeps {
  db: Sql;
  community: Community;
}

/** How far back "recently routed" reaches. */
export const RECENT_DAYS = 14;

export interface TriageItem {
  projectId: number;
  issueIid: number;
  /** Empty for decisions recorded before titles were kept. */
  title: string;
  /** The issue in GitLab: as the webhook gave it, else built from the community file's GitLab URL. */
  url: string | null;
  confidence: number;
  /** What an `ask` offers, best first. */
  suggestions: { sig: string; confidence: number }[];
  reasons: string[];
  decidedAt: string;
}

export interface TriageView {
  sig: { id: string; name: string };
  untriaged: TriageItem[];
  routed: TriageItem[];
}

const since = (now: Date) => new Date(now.getTime() - RECENT_DAYS * 24 * 3600 * 1000);

export function findSig(community: Community, id: string): Sig {
  const sig = community.sigs.find((s) => s.id === id);
  if (!sig) throw new AppError("not_found", `no SIG "${id}" in the community file`);
  return sig;
}

// The `/projects/<id>/-/issues/<iid>` alias lets GitLab find the issue from the numeric ids we
// store, without keeping the project's path (which may be renamed) beside each decision.
function issueUrl(community: Community, d: TriagePageDecision): string | null {
  const base = community.gitlab?.url?.replace(/\/+$/, "");
  return base ? `${base}/projects/${d.projectId}/-/issues/${d.issueIid}` : null;
}

/** What both the page and the API show for one SIG; confidential issues never reach here. */
export async function triageView(deps: TriagePageDeps, sigId: string, now = new Date()): Promise<TriageView> {
  const sig = findSig(deps.community, sigId);
  const decisions = await listTriageDecisionsForSig(deps.db, sig.id, since(now));
  const item = (d: TriagePageDecision): TriageItem => ({
    projectId: d.projectId,
    issueIid: d.issueIid,
    title: d.title,
    url: d.url || issueUrl(deps.community, d),
    confidence: d.confidence,
    suggestions: d.suggestions,
    reasons: d.reasons,
    decidedAt: d.decidedAt.toISOString(),
  });
  return {
    sig: { id: sig.id, name: sig.name },
    untriaged: decisions.filter((d) => d.mode === "ask").map(item),
    routed: decisions.filter((d) => d.mode === "act").map(item),
  };
}

/** Every SIG of the community file, with zeros for those nothing was decided for. */
export async function triageIndex(deps: TriagePageDeps, now = new Date()) {
  const counts = new Map((await triageCountsBySig(deps.db, since(now))).map((c) => [c.sig, c]));
  return deps.community.sigs.map((s) => ({
    id: s.id,
    name: s.name,
    untriaged: counts.get(s.id)?.untriaged ?? 0,
    routed: counts.get(s.id)?.routed ?? 0,
  }));
}

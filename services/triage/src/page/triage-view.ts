import { listTriageDecisionsForSig, triageCountsBySig, type Sql, type TriagePageDecision } from "@agora/db";
import type { Community, Sig } from "@agora/schemas";
import { AppError } from "@agora/http";
import { ACCURACY_DAYS, accuracySince, recentTriageAccuracy, type TriageAccuracy } from "./triage-accuracy.ts";

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

/** How the bot did for one SIG (or all) over the last `days`, from what people corrected. */
export interface AccuracyView extends TriageAccuracy {
  days: number;
  since: string;
}

export interface TriageView {
  sig: { id: string; name: string };
  untriaged: TriageItem[];
  routed: TriageItem[];
  accuracy: AccuracyView;
}

const NO_DECISIONS: TriageAccuracy = {
  decisions: 0,
  acted: 0,
  corrected: 0,
  asked: 0,
  placed: 0,
  placedAsSuggested: 0,
  precision: null,
  coverage: null,
};

const since = (now: Date) => new Date(now.getTime() - RECENT_DAYS * 24 * 3600 * 1000);

/**
 * The row and page of the bugs no rule or model could place (decided with no SIG): they wait for
 * a person as much as any, and would otherwise show only in the triage room. A SIG of the
 * community file with this id keeps its own page; the unplaced ones then show on none.
 */
export const UNPLACED = { id: "unplaced", name: "Not placed" } as const;

export function findSig(community: Community, id: string): Pick<Sig, "id" | "name"> & { decidedAs: string } {
  const sig = community.sigs.find((s) => s.id === id);
  if (sig) return { id: sig.id, name: sig.name, decidedAs: sig.id };
  // Recorded with an empty SIG: see saveTriageDecision's callers.
  if (id === UNPLACED.id) return { ...UNPLACED, decidedAs: "" };
  throw new AppError("not_found", `no SIG "${id}" in the community file`);
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
  const [decisions, accuracy] = await Promise.all([
    listTriageDecisionsForSig(deps.db, sig.decidedAs, since(now)),
    recentTriageAccuracy(deps.db, now),
  ]);
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
    accuracy: accuracyView(accuracy.bySig.find((a) => a.sig === sig.decidedAs) ?? NO_DECISIONS, now),
  };
}

function accuracyView(
  { decisions, acted, corrected, asked, placed, placedAsSuggested, precision, coverage }: TriageAccuracy,
  now: Date,
): AccuracyView {
  // Only the figures: a by-SIG row also carries its `sig`, which the view names already.
  const counts = { decisions, acted, corrected, asked, placed, placedAsSuggested, precision, coverage };
  return { days: ACCURACY_DAYS, since: accuracySince(now).toISOString(), ...counts };
}

/**
 * Every SIG of the community file, with zeros for those nothing was decided for, and the bot's
 * accuracy overall (which also counts questions it had no guess for, and SIGs since removed).
 */
export async function triageIndex(deps: TriagePageDeps, now = new Date()) {
  const [countRows, accuracy] = await Promise.all([
    triageCountsBySig(deps.db, since(now)),
    recentTriageAccuracy(deps.db, now),
  ]);
  const counts = new Map(countRows.map((c) => [c.sig, c]));
  const accuracyOf = new Map(accuracy.bySig.map((a) => [a.sig, a]));
  const sigs = deps.community.sigs.map((s) => ({
    id: s.id,
    name: s.name,
    untriaged: counts.get(s.id)?.untriaged ?? 0,
    routed: counts.get(s.id)?.routed ?? 0,
    accuracy: accuracyOf.get(s.id) ?? NO_DECISIONS,
  }));
  const unplaced = counts.get("");
  // Its own row only while something waits in it, and only if no SIG took its id.
  if (unplaced?.untriaged && !deps.community.sigs.some((s) => s.id === UNPLACED.id)) {
    sigs.push({ ...UNPLACED, untriaged: unplaced.untriaged, routed: 0, accuracy: accuracyOf.get("") ?? NO_DECISIONS });
  }
  return { sigs, overall: accuracy.overall };
}

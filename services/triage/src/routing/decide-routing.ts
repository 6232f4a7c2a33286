import type { Community, Sig } from "@agora/schemas";
import { keywordRules, matchRules } from "../classifier/keyword-rules.ts";
import { probabilities, reasonsFor, thresholdFor, vectorize, type LinearModel } from "../classifier/linear-model.ts";
import { templateFields } from "./template-fields.ts";

export interface RoutingContext {
  community: Community;
  /** The learned model, when one was trained and loaded; routing works on rules alone without it. */
  model?: LinearModel | undefined;
  /** At or above it the bot acts alone; below it, it asks people. A model trained for a target precision brings its own. */
  threshold: number;
}

/** What routing reads of an issue; all of it is in the webhook. */
export interface RoutingIssue {
  projectPath: string;
  title: string;
  description: string;
  labels: readonly string[];
}

export interface Routing {
  /** The likeliest SIG, or null when nothing at all points anywhere. */
  sig: string | null;
  confidence: number;
  reasons: string[];
  /** The three likeliest SIGs, best first. */
  suggestions: { sig: string; confidence: number }[];
  mode: "act" | "ask";
}

/**
 * How far a keyword hit alone is trusted. A listed package named in a report is strong evidence,
 * but reports mention other SIGs' packages in passing (ADR 0006 measured keyword rules alone at
 * 61 %), so a single SIG's hits top out below certainty.
 */
const KEYWORD_ONLY_CEILING = 0.9;
/**
 * The keyword rules' share when blended with the model. The community file's terms are curated
 * by people, so they count for a good part; the model has seen more words and gets the rest.
 */
const KEYWORD_WEIGHT = 0.4;

/**
 * Decides which SIG an issue belongs to, from two sources:
 * 1. Decisive rules: a SIG label already on the issue, or the issue's project listed in exactly
 *    one SIG's `gitlab.projects`. These are people's decisions (the label, the file), so they
 *    win with confidence 1 and the model is not asked.
 * 2. Blended evidence: each SIG's share of the matched package, component and keyword terms
 *    (title, description, issue template fields), and the model's probabilities when a model is
 *    loaded. With a model: `p(s) = 0.4 · share(s) + 0.6 · model(s)` when any term matched, else
 *    the model's `p(s)` alone. Without one: `p(s) = 0.9 · share(s)`.
 *
 * @example
 * const routing = decideRouting({ ctx: { community, model, threshold: 0.6 }, input: { projectPath, title, description, labels } });
 * if (routing.mode === "act") ... // routing.sig, routing.reasons
 */
export function decideRouting({ ctx, input }: { ctx: RoutingContext; input: RoutingIssue }): Routing {
  const decisive = decisiveRule(ctx.community, input);
  if (decisive) return { ...decisive, confidence: 1, suggestions: [{ sig: decisive.sig, confidence: 1 }], mode: "act" };

  const keywords = keywordEvidence(ctx.community.sigs, input);
  const total = [...keywords.values()].reduce((sum, k) => sum + k.count, 0);
  const share = (sig: string) => (total === 0 ? 0 : (keywords.get(sig)?.count ?? 0) / total);

  const probability = new Map<string, number>();
  const model = ctx.model ? modelEvidence(ctx.model, input) : undefined;
  if (model) {
    const modelWeight = total === 0 ? 1 : 1 - KEYWORD_WEIGHT;
    for (const [sig, p] of model.probability) probability.set(sig, modelWeight * p);
    for (const sig of keywords.keys()) probability.set(sig, (probability.get(sig) ?? 0) + KEYWORD_WEIGHT * share(sig));
  } else {
    for (const sig of keywords.keys()) probability.set(sig, KEYWORD_ONLY_CEILING * share(sig));
  }

  const known = new Set(ctx.community.sigs.map((s) => s.id));
  const ranked = [...probability]
    .filter(([sig]) => known.has(sig)) // a model trained on an older community file may name a SIG that is gone
    .sort((a, b) => b[1] - a[1]);
  const suggestions = ranked.slice(0, 3).map(([sig, confidence]) => ({ sig, confidence }));
  const top = suggestions[0];
  if (!top) {
    const why = ctx.model ? "the model knows none of the community's SIGs" : "no rule matched and no model is loaded";
    return { sig: null, confidence: 0, reasons: [why], suggestions: [], mode: "ask" };
  }
  const reasons = [...(keywords.get(top.sig)?.reasons ?? [])];
  const wordsFor = model?.words(top.sig) ?? [];
  if (wordsFor.length > 0) reasons.push(`model: the words ${quoteAll(wordsFor)}`);
  // Evidence for another SIG pulls the decision apart; saying so tells the reader why it asked.
  for (const [sig, k] of keywords)
    if (sig !== top.sig) reasons.push(...k.reasons.map((r) => `${r} (points to ${sig})`));
  if (model && model.best !== top.sig && known.has(model.best)) {
    const other = model.words(model.best);
    if (other.length > 0) reasons.push(`model: the words ${quoteAll(other)} (points to ${model.best})`);
  }
  const threshold = ctx.model ? thresholdFor(ctx.model, top.sig, ctx.threshold) : ctx.threshold;
  return {
    sig: top.sig,
    confidence: top.confidence,
    reasons,
    suggestions,
    mode: top.confidence >= threshold ? "act" : "ask",
  };
}

function decisiveRule(community: Community, input: RoutingIssue): { sig: string; reasons: string[] } | undefined {
  for (const sig of community.sigs) {
    const label = sig.gitlab.labels.find((l) => input.labels.includes(l));
    if (label) return { sig: sig.id, reasons: [`rule: the issue has the label ${label}`] };
  }
  const owners = community.sigs.filter((sig) => sig.gitlab.projects.includes(input.projectPath));
  // Two SIGs sharing a project is not a decision; their terms and the model still are.
  const [owner, ...others] = owners;
  if (owner && others.length === 0)
    return {
      sig: owner.id,
      reasons: [`rule: project ${input.projectPath} belongs to the ${owner.name} SIG`],
    };
  return undefined;
}

/** Per SIG: how many distinct terms matched, and where, as reasons. */
function keywordEvidence(sigs: readonly Sig[], input: RoutingIssue): Map<string, { count: number; reasons: string[] }> {
  const places = [
    { where: "the title", text: input.title },
    ...templateFields(input.description).map((f) => ({ where: `the template field "${f.name}"`, text: f.value })),
    { where: "the description", text: input.description },
  ];
  const evidence = new Map<string, { count: number; reasons: string[] }>();
  for (const sig of sigs) {
    const rules = keywordRules([sig]);
    const seen = new Set<string>();
    const reasons: string[] = [];
    for (const { where, text } of places) {
      const hit = matchRules(rules, text);
      for (const term of hit?.matched ?? []) {
        if (seen.has(term)) continue;
        seen.add(term);
        reasons.push(`rule: ${kindOf(sig, term)} "${term}" in ${where}`);
      }
    }
    if (seen.size > 0) evidence.set(sig.id, { count: seen.size, reasons });
  }
  return evidence;
}

function kindOf(sig: Sig, term: string): string {
  const is = (list: string[]) => list.some((t) => t.toLowerCase() === term);
  return is(sig.packages) ? "package" : is(sig.components) ? "component" : "keyword";
}

const quoteAll = (words: readonly string[]) => words.map((w) => `"${w}"`).join(", ");

/**
 * The model's probability per SIG, its own favourite, and the words that pushed a given SIG up:
 * explained for the SIG the decision names, not for the model's favourite, so a reason never sits
 * under a suggestion it does not support.
 */
function modelEvidence(model: LinearModel, input: RoutingIssue) {
  const x = vectorize(model, input);
  const p = probabilities(model, x);
  const probability = new Map<string, number>();
  let best: { sig: string; p: number } | undefined;
  for (const [c, sig] of model.labels.entries()) {
    const pc = p[c];
    if (pc === undefined) throw new Error(`the model gives ${p.length} probabilities for ${model.labels.length} SIGs`);
    probability.set(sig, pc);
    if (!best || pc > best.p) best = { sig, p: pc };
  }
  if (!best) throw new Error("the model knows no SIG");
  const words = (sig: string) => {
    const label = model.labels.indexOf(sig);
    // A word that moves the odds by less than a tenth is no reason a reader should be shown.
    return label < 0
      ? []
      : reasonsFor(model, x, label, p, 4)
          .filter((r) => r.weight / model.temperature >= 0.1)
          .map((r) => r.word);
  };
  return { probability, best: best.sig, words };
}

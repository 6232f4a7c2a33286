import type { Sig } from "@agora/schemas";

// The baseline the learned model must beat: the community file's packages, components and keywords
// matched as whole words in the report. It is what routing can do with no history at all.

export type KeywordRules = { sig: string; terms: { term: string; pattern: RegExp }[] }[];

export function keywordRules(sigs: Sig[]): KeywordRules {
  return sigs.map((sig) => ({
    sig: sig.id,
    terms: [...new Set([...sig.packages, ...sig.components, ...sig.keywords].map((t) => t.toLowerCase()))].map(
      (term) => ({
        term,
        pattern: new RegExp(`(?<![\\p{L}0-9-])${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}0-9-])`, "iu"),
      }),
    ),
  }));
}

/** The SIG with the most matched terms (first in file order on a tie), or undefined when nothing matches. */
export function matchRules(rules: KeywordRules, text: string): { sig: string; matched: string[] } | undefined {
  let best: { sig: string; matched: string[] } | undefined;
  for (const rule of rules) {
    const matched = rule.terms.filter((t) => t.pattern.test(text)).map((t) => t.term);
    if (matched.length > 0 && (!best || matched.length > best.matched.length)) best = { sig: rule.sig, matched };
  }
  return best;
}

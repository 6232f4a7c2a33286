import { binNumberAnswers, numberAnswerStats, type NumberAnswerStats, type Sql } from "@agora/db";
import { itemAt } from "./item-at.ts";
import { binLabel, numberBinEdges } from "./number-bins.ts";

export interface NumberAxis {
  stats: NumberAnswerStats;
  /** Bin i holds edges[i] ≤ x < edges[i+1]; the outer edges span every answer. */
  edges: number[];
  counts: number[];
  labels: string[];
}

/**
 * The bins a number question is shown in. The end bins are where the few extreme answers fall,
 * and a bin that exists says someone is in it, even with its count hidden ("1,000,000–9,999,999
 * machines": one large site). So end bins of fewer than k answers are merged inwards until they
 * hold k, and are then labelled open ("under 10", "1000 or more").
 */
export async function numberAxis(
  db: Sql,
  slug: string,
  questionId: string,
  integer: boolean,
  k: number,
): Promise<NumberAxis | undefined> {
  const [stats] = await numberAnswerStats(db, slug, [questionId]);
  if (!stats) return undefined;
  const edges = numberBinEdges(stats, integer);
  return mergeSmallEnds({ stats, edges, counts: await binNumberAnswers(db, slug, questionId, edges) }, integer, k);
}

export function mergeSmallEnds(
  binned: { stats: NumberAnswerStats; edges: number[]; counts: number[] },
  integer: boolean,
  k: number,
): NumberAxis {
  const edges = [...binned.edges];
  const counts = [...binned.counts];
  let openBelow = false;
  let openAbove = false;
  for (;;) {
    // Two bins or more, the last of them small: it joins the one before.
    const [before, last] = counts.slice(-2);
    if (before === undefined || last === undefined || last >= k) break;
    counts.splice(-2, 2, before + last);
    edges.splice(-2, 1);
    openAbove = true;
  }
  for (;;) {
    const [first, second] = counts;
    if (first === undefined || second === undefined || first >= k) break;
    counts.splice(0, 2, first + second);
    edges.splice(1, 1);
    openBelow = true;
  }
  const labels = counts.map((_, i) => {
    const [from, to] = [itemAt(edges, i), itemAt(edges, i + 1)];
    if (counts.length === 1 && (openBelow || openAbove)) return "all answers";
    if (i === 0 && openBelow) return `under ${to}`;
    if (i === counts.length - 1 && openAbove) return `${from} or more`;
    return binLabel(from, to, integer);
  });
  return { stats: binned.stats, edges, counts, labels };
}

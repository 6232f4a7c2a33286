import { itemAt } from "./item-at.ts";
import { pinnedCells } from "./pinned-cells.ts";

/**
 * A relation that results publish: `counts[total]` is the sum of `counts[parts]`. A row of a
 * cross-tab with its row total is one; a question's options with its number of answerers is
 * another. Whoever sees all but one member of a line can work the last one out by subtraction.
 */
export interface SumLine {
  parts: readonly number[];
  total: number;
}

export interface CountTable {
  /** Every published count, totals included: a total is a count like any other. */
  counts: readonly number[];
  lines: readonly SumLine[];
  /**
   * What other pages already decided about some counts: `"shown"` is published there, so hiding
   * it here would take nothing back, and it is never picked; `"hidden"` is hidden from the start
   * (a count no page publishes, or one another page hides). Both take part in the sums.
   */
  settled?: ReadonlyMap<number, "shown" | "hidden">;
}

/**
 * Which counts to hide so that no group of 1 to k-1 people shows, directly or by subtraction.
 *
 * Primary suppression hides every count from 1 to k-1 (zero names no one). Secondary
 * suppression then looks at every line: one hidden member alone could be worked out from the
 * others, so the smallest visible part of that line is hidden too (a zero if that is the
 * smallest: hiding it costs the least information), or the total when no part is left. Hiding
 * one count may leave another line with a lone hidden member, so this repeats until every line
 * has no hidden member or at least two; then an audit solves all the lines together and hides
 * more wherever a small count is still pinned down.
 *
 * @example
 * // options 12, 3, 9 and 24 answerers: 3 is hidden, and so is 9, else 24 − 12 − 9 = 3
 * suppressCounts({ counts: [12, 3, 9, 24], lines: [{ parts: [0, 1, 2], total: 3 }] }, 5)
 * // → [false, true, true, false]
 */
export function suppressCounts(table: CountTable, k: number): boolean[] {
  const { counts, lines, settled } = table;
  const sensitive = (i: number) => itemAt(counts, i) >= 1 && itemAt(counts, i) < k;
  const hidden = counts.map((_, i) => (settled?.has(i) ? settled.get(i) === "hidden" : sensitive(i)));
  // Shown elsewhere, a count cannot be hidden here; hidden elsewhere, it is a given.
  const free = (i: number) => !hidden[i] && !settled?.has(i);
  // When nothing here can be hidden to cover a small count, everything here is.
  const hideAll = () => counts.map((_, i) => hidden[i] || !settled?.has(i));
  if (!hideLoneMembers(table, hidden, free)) return hideAll();
  // Two hidden members per line stop subtraction, not every solving of the lines together (a
  // ranking's rows and columns can still pin a cell). Audit, and widen where a small count is
  // still pinned down.
  for (;;) {
    const [pinned] = pinnedCells(table, hidden).filter(sensitive);
    if (pinned === undefined) break;
    const around = lines.filter((l) => l.parts.includes(pinned) || l.total === pinned);
    const next =
      smallestFree(
        around.flatMap((l) => l.parts),
        counts,
        free,
      ) ?? around.map((l) => l.total).find(free);
    if (next === undefined) return hideAll();
    hidden[next] = true;
    if (!hideLoneMembers(table, hidden, free)) return hideAll();
  }
  return hidden;
}

/** Hides more until no line has a lone hidden member; false when a line has nothing left to hide. */
function hideLoneMembers({ counts, lines }: CountTable, hidden: boolean[], free: (i: number) => boolean): boolean {
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const members = [...line.parts, line.total];
      if (members.filter((i) => hidden[i]).length !== 1) continue;
      // The lone hidden member may be the total itself: then the smallest visible part goes;
      // when every part is hidden but one, that one.
      const next = smallestFree(line.parts, counts, free) ?? (free(line.total) ? line.total : undefined);
      if (next === undefined) return false;
      hidden[next] = true;
      changed = true;
    }
  }
  return true;
}

function smallestFree(
  parts: readonly number[],
  counts: readonly number[],
  free: (i: number) => boolean,
): number | undefined {
  let best: number | undefined;
  for (const i of parts) {
    if (!free(i)) continue;
    if (best === undefined || itemAt(counts, i) < itemAt(counts, best)) best = i;
  }
  return best;
}

/** A count as published: the number, or null when it is hidden. */
export type ShownCount = number | null;

export const showCounts = (counts: readonly number[], hidden: readonly boolean[]): ShownCount[] =>
  counts.map((n, i) => (hidden[i] ? null : n));

import type { CountTable } from "./suppress-counts.ts";

/**
 * The hidden counts that the shown counts pin down through the published sums, whatever values
 * the others take: what an attacker solving the lines' equations would learn exactly. A hidden
 * count is pinned when no solution of the homogeneous system can move it, that is when its
 * column is a pivot of the reduced row echelon form whose row touches no free column.
 */
export function pinnedCells(table: CountTable, hidden: readonly boolean[]): number[] {
  const unknown = hidden.flatMap((h, i) => (h ? [i] : []));
  if (!unknown.length) return [];
  const column = new Map(unknown.map((cell, j) => [cell, j]));
  const rows = table.lines.map((line) => {
    const row = unknown.map(() => 0);
    for (const p of line.parts) if (column.has(p)) row[column.get(p)!]! += 1;
    if (column.has(line.total)) row[column.get(line.total)!]! -= 1;
    return row;
  });
  const pivots = reduce(rows, unknown.length);
  const pivotColumns = new Set(pivots.map((p) => p.column));
  const pinned: number[] = [];
  for (const { row, column: c } of pivots) {
    const free = rows[row]!.some((v, j) => j !== c && !pivotColumns.has(j) && Math.abs(v) > 1e-9);
    if (!free) pinned.push(unknown[c]!);
  }
  return pinned;
}

/** Gauss-Jordan elimination in place; the pivots found, by row and column. */
function reduce(m: number[][], width: number): { row: number; column: number }[] {
  const pivots: { row: number; column: number }[] = [];
  let r = 0;
  for (let c = 0; c < width && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && Math.abs(row[c]!) > 1e-9);
    if (p < 0) continue;
    [m[r], m[p]] = [m[p]!, m[r]!];
    const lead = m[r]![c]!;
    m[r] = m[r]!.map((v) => v / lead);
    for (let i = 0; i < m.length; i++) {
      const f = m[i]![c]!;
      if (i !== r && Math.abs(f) > 1e-9) m[i] = m[i]!.map((v, j) => v - f * m[r]![j]!);
    }
    pivots.push({ row: r, column: c });
    r++;
  }
  return pivots;
}

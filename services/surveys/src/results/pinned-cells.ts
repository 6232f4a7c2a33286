import { itemAt } from "./item-at.ts";
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
  const rows = table.lines.map((line) => {
    // A line's coefficient of a cell: +1 for each time it is a part, -1 when it is the total.
    const coefficient = new Map<number, number>();
    for (const p of line.parts) coefficient.set(p, (coefficient.get(p) ?? 0) + 1);
    coefficient.set(line.total, (coefficient.get(line.total) ?? 0) - 1);
    return unknown.map((cell) => coefficient.get(cell) ?? 0);
  });
  const pivots = reduce(rows, unknown.length);
  const pivotColumns = new Set(pivots.map((p) => p.column));
  const pinned: number[] = [];
  for (const { row, column: c } of pivots) {
    const free = row.some((v, j) => j !== c && !pivotColumns.has(j) && Math.abs(v) > 1e-9);
    if (!free) pinned.push(itemAt(unknown, c));
  }
  return pinned;
}

/**
 * Gauss-Jordan elimination; the pivot rows of the reduced form, each with its column. The rows
 * not yet used as pivots keep the order a row swap would give them, so the pivots are the same
 * as those of the textbook elimination in place.
 */
function reduce(rows: readonly number[][], width: number): { row: number[]; column: number }[] {
  const pivots: { row: number[]; column: number }[] = [];
  let rest = rows;
  for (let c = 0; c < width && rest.length > 0; c++) {
    const p = rest.findIndex((row) => Math.abs(itemAt(row, c)) > 1e-9);
    const [first] = rest;
    const found = rest[p];
    if (!first || !found) continue;
    const lead = itemAt(found, c);
    const pivot = found.map((v) => v / lead);
    const eliminate = (row: number[]) => {
      const f = itemAt(row, c);
      return Math.abs(f) > 1e-9 ? row.map((v, j) => v - f * itemAt(pivot, j)) : row;
    };
    for (const earlier of pivots) earlier.row = eliminate(earlier.row);
    // The pivot found takes the first place and leaves; the row that held that place takes its own.
    rest = rest.with(p, first).slice(1).map(eliminate);
    pivots.push({ row: pivot, column: c });
  }
  return pivots;
}

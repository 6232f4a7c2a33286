import { describe, expect, it } from "vitest";
import { suppressCounts, type CountTable } from "../../src/results/suppress-counts.ts";

/** Every value each hidden count could have, given what is shown and the sums: an attacker's view. */
function possibleValues(table: CountTable, hidden: boolean[], bound: number): Map<number, Set<number>> {
  const unknown = hidden.flatMap((h, i) => (h ? [i] : []));
  const values = [...table.counts];
  const seen = new Map(unknown.map((i) => [i, new Set<number>()]));
  const consistent = () => table.lines.every((l) => l.parts.reduce((s, p) => s + values[p]!, 0) === values[l.total]);
  const walk = (at: number) => {
    if (at === unknown.length) {
      if (consistent()) unknown.forEach((i) => seen.get(i)!.add(values[i]!));
      return;
    }
    for (let v = 0; v <= bound; v++) {
      values[unknown[at]!] = v;
      walk(at + 1);
    }
  };
  walk(0);
  return seen;
}

/**
 * The hidden counts that the published sums pin down, whatever their values: a cell is pinned
 * when its unit vector lies in the row space of the lines' equations over the hidden unknowns.
 */
function determinedCells(table: CountTable, hidden: boolean[]): number[] {
  const unknown = hidden.flatMap((h, i) => (h ? [i] : []));
  const column = new Map(unknown.map((cell, j) => [cell, j]));
  const equations = table.lines.map((line) => {
    const row = unknown.map(() => 0);
    for (const p of line.parts) if (column.has(p)) row[column.get(p)!]! += 1;
    if (column.has(line.total)) row[column.get(line.total)!]! -= 1;
    return row;
  });
  const base = rank(equations);
  return unknown.filter((cell) => rank([...equations, unknown.map((u) => (u === cell ? 1 : 0))]) === base);
}

function rank(matrix: number[][]): number {
  const m = matrix.map((r) => [...r]);
  let r = 0;
  for (let c = 0; c < (m[0]?.length ?? 0) && r < m.length; c++) {
    const pivot = m.findIndex((row, i) => i >= r && Math.abs(row[c]!) > 1e-9);
    if (pivot < 0) continue;
    [m[r], m[pivot]] = [m[pivot]!, m[r]!];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const f = m[i]![c]! / m[r]![c]!;
      if (f) m[i] = m[i]!.map((v, j) => v - f * m[r]![j]!);
    }
    r++;
  }
  return r;
}

/** A cross-tab of `rows` with row totals, column totals and the grand total, as results publish it. */
function crossTab(rows: number[][]): CountTable {
  const r = rows.length;
  const c = rows[0]!.length;
  const cell = (i: number, j: number) => i * c + j;
  const rowTotal = (i: number) => r * c + i;
  const colTotal = (j: number) => r * c + r + j;
  const grand = r * c + r + c;
  const counts = [...rows.flat(), ...rows.map((row) => row.reduce((a, b) => a + b, 0))];
  for (let j = 0; j < c; j++) counts.push(rows.reduce((s, row) => s + row[j]!, 0));
  counts.push(rows.flat().reduce((a, b) => a + b, 0));
  const lines = [
    ...rows.map((_, i) => ({ parts: Array.from({ length: c }, (_, j) => cell(i, j)), total: rowTotal(i) })),
    ...Array.from({ length: c }, (_, j) => ({ parts: rows.map((_, i) => cell(i, j)), total: colTotal(j) })),
    { parts: rows.map((_, i) => rowTotal(i)), total: grand },
    { parts: Array.from({ length: c }, (_, j) => colTotal(j)), total: grand },
  ];
  return { counts, lines };
}

describe("suppressCounts", () => {
  it("hides counts from 1 to k-1 and never a zero or a count of k", () => {
    expect(suppressCounts({ counts: [0, 1, 4, 5, 40], lines: [] }, 5)).toEqual([false, true, true, false, false]);
    expect(suppressCounts({ counts: [2, 3], lines: [] }, 3)).toEqual([true, false]);
  });

  it("stops the classic attack: a question's answerers minus the visible options", () => {
    // 12 + 3 + 9 = 24 answerers shown: with 3 hidden alone, 24 − 12 − 9 gives it away.
    const table = { counts: [12, 3, 9, 24], lines: [{ parts: [0, 1, 2], total: 3 }] };
    const hidden = suppressCounts(table, 5);
    expect(hidden).toEqual([false, true, true, false]);
    expect(possibleValues(table, hidden, 24).get(1)!.size).toBeGreaterThan(1);
  });

  it("hides a zero beside a lone small count, as the smallest visible part", () => {
    const table = { counts: [3, 0, 17, 20], lines: [{ parts: [0, 1, 2], total: 3 }] };
    expect(suppressCounts(table, 5)).toEqual([true, true, false, false]);
  });

  it("hides the total when a line has no visible part left", () => {
    // One option only: the total equals it, so hiding the option must hide the total too.
    expect(suppressCounts({ counts: [3, 3], lines: [{ parts: [0], total: 1 }] }, 2)).toEqual([false, false]);
    expect(suppressCounts({ counts: [7, 7], lines: [{ parts: [0], total: 1 }] }, 5)).toEqual([false, false]);
    const table = { counts: [2, 12], lines: [{ parts: [0], total: 1 }] };
    expect(suppressCounts(table, 5)).toEqual([true, true]);
  });

  it("works a cross-tab by hand: the hidden cell's row and column each get a second hidden cell", () => {
    //        a   b   c | total
    //  p     7   2   9 |  18
    //  q     8   6  10 |  24
    //  total 15  8  19 |  42
    const table = crossTab([
      [7, 2, 9],
      [8, 6, 10],
    ]);
    const hidden = suppressCounts(table, 5);
    // 2 is hidden; row p's smallest visible is 7, which leaves column a with 7 alone, so 8
    // goes; column b has 2 alone, so 6 goes. Rows, columns and totals are then all safe.
    expect(hidden.slice(0, 6)).toEqual([true, true, false, true, true, false]);
    expect(hidden.slice(6).every((h) => !h)).toBe(true);
    // The attacker's view: the hidden 2 could be anything from 0 to 8.
    expect([...possibleValues(table, hidden, 24).get(1)!].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("follows a hidden row total into the line of totals", () => {
    //        a   b | total
    //  p     1   2 |   3   ← the row total 3 is itself small
    //  q     9  30 |  39
    //  r    20  15 |  35
    const table = crossTab([
      [1, 2],
      [9, 30],
      [20, 15],
    ]);
    const hidden = suppressCounts(table, 5);
    const rowTotals = hidden.slice(6, 9);
    expect(rowTotals[0]).toBe(true);
    // The totals line (3 + 39 + 35 = 77) must not leave row p's total alone.
    expect(rowTotals.filter(Boolean).length).toBeGreaterThanOrEqual(2);
    // Row p: 1, 2 and its total hidden; columns a and b took 9 and 15, row q then took 30, and
    // the totals line took 35 beside row p's 3. Too many unknowns to try every value: check by
    // linear algebra instead that none of the hidden counts is pinned down.
    expect(hidden.slice(0, 6)).toEqual([true, true, true, true, false, true]);
    expect(hidden[8]).toBe(true);
    expect(determinedCells(table, hidden)).toEqual([]);
  });

  it("leaves no hidden count that the sums pin down, whatever the table", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const rows = Array.from({ length: 2 + Math.floor(random() * 3) }, () =>
        Array.from({ length: 2 + Math.floor(random() * 3) }, () => Math.floor(random() ** 2 * 30)),
      );
      const table = crossTab(rows);
      const hidden = suppressCounts(table, 5);
      table.counts.forEach((n, i) => {
        if (n >= 1 && n < 5) expect(hidden[i]).toBe(true);
      });
      for (const line of table.lines) {
        expect([...line.parts, line.total].filter((i) => hidden[i]).length).not.toBe(1);
      }
      expect(determinedCells(table, hidden), JSON.stringify(rows)).toEqual([]);
    }
  });

  it("keeps NPS groups safe too: values, promoters, passives, detractors and answerers are nested sums", () => {
    let seed = 3;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 300; round++) {
      const values = Array.from({ length: 11 }, () => (random() < 0.3 ? 0 : Math.floor(random() ** 2 * 25)));
      const group = (from: number, to: number) => values.slice(from, to + 1).reduce((a, b) => a + b, 0);
      // 0–10, answerers (11), promoters (12), passives (13), detractors (14)
      const counts = [...values, group(0, 10), group(9, 10), group(7, 8), group(0, 6)];
      const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
      const table: CountTable = {
        counts,
        lines: [
          { parts: range(0, 10), total: 11 },
          { parts: [9, 10], total: 12 },
          { parts: [7, 8], total: 13 },
          { parts: range(0, 6), total: 14 },
          { parts: [12, 13, 14], total: 11 },
        ],
      };
      const hidden = suppressCounts(table, 5);
      expect(determinedCells(table, hidden), JSON.stringify(values)).toEqual([]);
    }
  });

  it("keeps rankings safe where two hidden per line are not enough: rows and columns solved together", () => {
    // Place 4 of the first option (2) had a second hidden member in its row and its column, and
    // was still pinned by the other rows and columns together; the audit hides more.
    const cells = [10, 1, 2, 0, 3, 9, 1, 0, 0, 3, 8, 2, 0, 0, 2, 11];
    const range = [0, 1, 2, 3];
    const table: CountTable = {
      counts: [...cells, 13],
      lines: [
        ...range.map((i) => ({ parts: range.map((p) => i * 4 + p), total: 16 })),
        ...range.map((p) => ({ parts: range.map((i) => i * 4 + p), total: 16 })),
      ],
    };
    const hidden = suppressCounts(table, 5);
    expect(determinedCells(table, hidden).filter((i) => cells[i]! >= 1 && cells[i]! < 5)).toEqual([]);
  });

  it("keeps rankings safe: each option's places and each place's options add up to the answerers", () => {
    let seed = 5;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const size = 2 + Math.floor(random() * 3);
      const cells = Array.from({ length: size * size }, () => 0);
      const answerers = 5 + Math.floor(random() * 30);
      for (let a = 0; a < answerers; a++) {
        // Nearly the listed order: a few neighbours swapped, as members rank.
        const order = Array.from({ length: size }, (_, i) => i);
        for (let i = 0; i < size - 1; i++) if (random() < 0.3) [order[i], order[i + 1]] = [order[i + 1]!, order[i]!];
        order.forEach((option, place) => cells[option * size + place]!++);
      }
      const range = Array.from({ length: size }, (_, i) => i);
      const table: CountTable = {
        counts: [...cells, answerers],
        lines: [
          ...range.map((i) => ({ parts: range.map((p) => i * size + p), total: size * size })),
          ...range.map((p) => ({ parts: range.map((i) => i * size + p), total: size * size })),
        ],
      };
      const hidden = suppressCounts(table, 5);
      // A hidden count of 5 or more, or 0, may be pinned: it was hidden to cover another, and tells nothing itself.
      const small = determinedCells(table, hidden).filter((i) => table.counts[i]! >= 1 && table.counts[i]! < 5);
      expect(small, JSON.stringify(cells)).toEqual([]);
    }
  });

  it("never hides a count another page shows, and keeps hidden what another page hides", () => {
    // Row [12, 3 | 15] beside the same question's own results [40 shown, 9 shown | 49 shown]: the
    // others who answered (28, 6) are counted and suppressed too, never shown.
    // Layout: 0–1 row, 2 row total; 3–4 the others, 5 their total; 6–7 the whole, 8 its total.
    const table: CountTable = {
      counts: [12, 3, 15, 28, 6, 34, 40, 9, 49],
      lines: [
        { parts: [0, 1], total: 2 },
        { parts: [3, 4], total: 5 },
        { parts: [6, 7], total: 8 },
        { parts: [0, 3], total: 6 },
        { parts: [1, 4], total: 7 },
        { parts: [2, 5], total: 8 },
      ],
      settled: new Map([
        [6, "shown"],
        [7, "shown"],
        [8, "shown"],
      ] as const),
    };
    const hidden = suppressCounts(table, 5);
    expect([6, 7, 8].map((i) => hidden[i])).toEqual([false, false, false]);
    // 3 is hidden; 9 − 3 = 6 would give it back through the others, so the 12 and the 28 go too.
    expect(hidden[1]).toBe(true);
    expect(hidden[0]).toBe(true);
    expect(determinedCells(table, hidden).filter((i) => table.counts[i]! >= 1 && table.counts[i]! < 5)).toEqual([]);
    // A count another page hides stays hidden here, though it is large.
    const kept = suppressCounts(
      {
        ...table,
        settled: new Map([
          [6, "hidden"],
          [7, "shown"],
          [8, "shown"],
        ] as const),
      },
      5,
    );
    expect(kept[6]).toBe(true);
  });

  it("hides everything it may when a small count can be covered by nothing but counts shown elsewhere", () => {
    // 3 + 40 = 43, and both 40 and 43 are shown on another page: nothing here can keep 3 unknown but itself.
    const table: CountTable = {
      counts: [3, 40, 43],
      lines: [{ parts: [0, 1], total: 2 }],
      settled: new Map([
        [1, "shown"],
        [2, "shown"],
      ] as const),
    };
    expect(suppressCounts(table, 5)).toEqual([true, false, false]);
  });
});

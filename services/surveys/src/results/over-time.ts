import type { CountedItem } from "./results-types.ts";
import { showCounts, suppressCounts } from "./suppress-counts.ts";
import { itemAt } from "./item-at.ts";

export interface OverTime {
  /** Days, or weeks (from a Monday) when the answers span more than a month. */
  unit: "day" | "week";
  /**
   * Each period from the first answer's to the last's, empty ones included. A merged end is open
   * and names only its inner edge: the first period has no `from`, the last no `to`.
   */
  periods: (CountedItem & { from?: string; to?: string })[];
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Answers by the day they came (all an answer keeps of its time), suppressed like any count:
 * a period of 1 to k-1 answers is hidden, with more wherever the total of answers would give it
 * back (the page shows that total). The first and the last period are merged inwards until each holds k, as a number's end
 * bins are: a period that exists says someone answered in it, even with its count hidden ("the
 * one who answered on the last day"). Past a month, weeks, so the chart stays a few dozen rows.
 */
export function answersOverTime(days: readonly { day: string; n: number }[], k: number): OverTime | undefined {
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return undefined;
  const start = Date.parse(`${first.day}T00:00:00Z`);
  const span = (Date.parse(`${last.day}T00:00:00Z`) - start) / DAY;
  const unit = span > 31 ? "week" : "day";
  // A week starts on a Monday (getUTCDay: Sunday 0).
  const origin = unit === "day" ? start : start - ((new Date(start).getUTCDay() + 6) % 7) * DAY;
  const width = unit === "day" ? DAY : 7 * DAY;
  const period = (day: string) => Math.floor((Date.parse(`${day}T00:00:00Z`) - origin) / width);
  const byPeriod = new Map<number, number>();
  for (const { day, n } of days) byPeriod.set(period(day), (byPeriod.get(period(day)) ?? 0) + n);
  const counts = Array.from({ length: period(last.day) + 1 }, (_, i) => byPeriod.get(i) ?? 0);
  const periods = counts.map((n, i) => ({
    from: origin + i * width,
    to: origin + (i + 1) * width - DAY,
    n,
    open: undefined as "before" | "after" | undefined,
  }));
  while (periods.length > 1 && (periods[0]?.n ?? k) < k) {
    const [a, b] = periods.splice(0, 2) as [(typeof periods)[number], (typeof periods)[number]];
    periods.unshift({ from: a.from, to: b.to, n: a.n + b.n, open: "before" });
  }
  while (periods.length > 1 && (periods.at(-1)?.n ?? k) < k) {
    const [a, b] = periods.splice(-2, 2) as [(typeof periods)[number], (typeof periods)[number]];
    periods.push({ from: a.from, to: b.to, n: a.n + b.n, open: "after" });
  }
  // One period would say only "all answers", and where its edges lie.
  if (periods.length < 2) return undefined;
  const total = periods.reduce((s, p) => s + p.n, 0);
  const all = [...periods.map((p) => p.n), total];
  const shown = showCounts(
    all,
    suppressCounts(
      {
        counts: all,
        lines: [{ parts: periods.map((_, i) => i), total: periods.length }],
        settled: new Map([[periods.length, "shown"]]),
      },
      k,
    ),
  );
  return {
    unit,
    periods: periods.map((p, i) => {
      // Open ends name only their inner edge: the first or last day an answer came is not told.
      const from = p.open === "before" ? undefined : iso(p.from);
      const to = p.open === "after" ? undefined : iso(p.to);
      const label = !from ? `until ${to}` : !to ? `from ${from}` : from === to ? from : `${from} – ${to}`;
      return { id: from ?? `until-${to}`, label, ...(from && { from }), ...(to && { to }), count: itemAt(shown, i) };
    }),
  };
}

import type { Sql } from "@agora/db";
import { recentTriageAccuracy } from "@agora/triage";
import { Gauge, type Registry } from "prom-client";

/** The `sig` of a question the bot had no guess for; a SIG id is a slug, so it never reads so. */
export const NO_GUESS_SIG = "_none";

/**
 * The triage bot's accuracy over the last 30 days, by the SIG it chose, read from the database
 * when Prometheus scrapes. Counts are exported as well as ratios so that a dashboard can sum
 * them across SIGs: `1 - sum(agora_triage_corrected) / sum(agora_triage_decisions{mode="act"})`
 * is the overall precision.
 */
export function registerTriageMetrics(registry: Registry, db: Sql): void {
  // One read per scrape for all five gauges, as prom-client collects them one after the other.
  let last: { at: number; accuracy: ReturnType<typeof recentTriageAccuracy> } | undefined;
  const bySig = async () => {
    if (!last || Date.now() - last.at > 1000) last = { at: Date.now(), accuracy: recentTriageAccuracy(db) };
    return (await last.accuracy).bySig.map((a) => ({ ...a, sig: a.sig || NO_GUESS_SIG }));
  };
  const gauge = (
    name: string,
    help: string,
    labelNames: string[],
    fill: (g: Gauge, rows: Awaited<ReturnType<typeof bySig>>) => void,
  ) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const rows = await bySig();
        // A SIG that had no decision this month drops out rather than keeping its old value.
        this.reset();
        fill(this, rows);
      },
    });

  gauge(
    "agora_triage_decisions",
    "Bugs the triage bot decided in the last 30 days, by the SIG it chose and whether it acted alone or asked",
    ["sig", "mode"],
    (g, rows) => {
      for (const a of rows) {
        g.set({ sig: a.sig, mode: "act" }, a.acted);
        g.set({ sig: a.sig, mode: "ask" }, a.asked);
      }
    },
  );
  gauge(
    "agora_triage_corrected",
    "Of the bugs the triage bot acted on alone in the last 30 days, those a person moved to another SIG or unlabelled",
    ["sig"],
    (g, rows) => {
      for (const a of rows) g.set({ sig: a.sig }, a.corrected);
    },
  );
  gauge(
    "agora_triage_placed",
    "Of the bugs the triage bot asked about in the last 30 days, those a person put in a SIG: its first suggestion or another",
    ["sig", "suggested"],
    (g, rows) => {
      for (const a of rows) {
        g.set({ sig: a.sig, suggested: "true" }, a.placedAsSuggested);
        g.set({ sig: a.sig, suggested: "false" }, a.placed - a.placedAsSuggested);
      }
    },
  );
  gauge(
    "agora_triage_precision_ratio",
    "Share of the bugs the triage bot acted on alone in the last 30 days that no person moved; absent for a SIG it acted on none of",
    ["sig"],
    (g, rows) => {
      for (const a of rows) if (a.precision !== null) g.set({ sig: a.sig }, a.precision);
    },
  );
  gauge(
    "agora_triage_coverage_ratio",
    "Share of the bugs the triage bot decided in the last 30 days that it acted on alone, without asking",
    ["sig"],
    (g, rows) => {
      for (const a of rows) if (a.coverage !== null) g.set({ sig: a.sig }, a.coverage);
    },
  );
}

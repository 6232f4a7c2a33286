import { inboxSize, type InboxSize, type Sql } from "@agora/db";
import { Counter, Gauge, type Registry } from "prom-client";

export function createIntakeCounter(registry: Registry): Counter<"source" | "result"> {
  return new Counter({
    name: "agora_intake_deliveries_total",
    help: "Webhook deliveries received, by source and what became of them",
    labelNames: ["source", "result"],
    registers: [registry],
  });
}

/** The inbox's rows (pending and final) and bytes, read when Prometheus scrapes. */
export function registerInboxMetrics(registry: Registry, db: Sql): void {
  // Both gauges come from one read per scrape, as prom-client collects them one after the other.
  let last: { at: number; size: Promise<InboxSize> } | undefined;
  const size = () => {
    if (!last || Date.now() - last.at > 1000) last = { at: Date.now(), size: inboxSize(db) };
    return last.size;
  };
  new Gauge({
    name: "agora_inbox_deliveries",
    help: "Deliveries kept in the inbox: pending (waiting for the worker) and final (processed or invalid, kept for AGORA_INBOX_RETENTION)",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      const { rows, pending } = await size();
      this.set({ state: "pending" }, pending);
      this.set({ state: "final" }, rows - pending);
    },
  });
  new Gauge({
    name: "agora_inbox_bytes",
    help: "Disk the inbox takes, bodies and indexes included",
    registers: [registry],
    async collect() {
      this.set((await size()).bytes);
    },
  });
}

import type { JobQueue, QueueDepth } from "@agora/queue";
import { Gauge, type Registry } from "prom-client";

/** Queue depths and dead letters, read from the database when Prometheus scrapes. */
export function registerQueueMetrics(registry: Registry, queue: JobQueue): void {
  // Both gauges are filled from one read per scrape: prom-client collects them one after the other.
  let pending: { at: number; depths: Promise<QueueDepth[]> } | undefined;
  const depths = () => {
    if (!pending || Date.now() - pending.at > 1000) pending = { at: Date.now(), depths: queue.depths() };
    return pending.depths;
  };
  new Gauge({
    name: "agora_queue_jobs",
    help: "Jobs in the durable queue, by job name and state",
    labelNames: ["queue", "state"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const d of await depths()) {
        this.set({ queue: d.name, state: "queued" }, d.queued);
        this.set({ queue: d.name, state: "active" }, d.active);
        this.set({ queue: d.name, state: "retrying" }, d.retrying);
        this.set({ queue: d.name, state: "failed" }, d.failed);
      }
    },
  });
  new Gauge({
    name: "agora_queue_dead_letters",
    help: "Jobs that failed for good and wait in the dead-letter queue",
    labelNames: ["queue"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const d of await depths()) this.set({ queue: d.name }, d.deadLetters);
    },
  });
}

import type { JobQueue } from "@agora/queue";
import { Gauge, type Registry } from "prom-client";

/** Queue depths and dead letters, read from the database when Prometheus scrapes. */
export function registerQueueMetrics(registry: Registry, queue: JobQueue): void {
  const jobs = new Gauge({
    name: "agora_queue_jobs",
    help: "Jobs in the durable queue, by job name and state",
    labelNames: ["queue", "state"],
    registers: [registry],
  });
  new Gauge({
    name: "agora_queue_dead_letters",
    help: "Jobs that failed for good and wait in the dead-letter queue",
    labelNames: ["queue"],
    registers: [registry],
    async collect() {
      const depths = await queue.depths();
      jobs.reset();
      this.reset();
      for (const d of depths) {
        jobs.set({ queue: d.name, state: "queued" }, d.queued);
        jobs.set({ queue: d.name, state: "active" }, d.active);
        jobs.set({ queue: d.name, state: "retrying" }, d.retrying);
        jobs.set({ queue: d.name, state: "failed" }, d.failed);
        this.set({ queue: d.name }, d.deadLetters);
      }
    },
  });
}

import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface HttpMetrics {
  registry: Registry;
  requests: Counter<"service" | "method" | "route" | "status">;
  duration: Histogram<"service" | "method" | "route">;
}

/**
 * A registry per process (never prom-client's global one), so tests and the one-process start
 * can build as many apps as they like without clashing metric names.
 */
export function createMetrics(options: { defaultMetrics?: boolean } = {}): HttpMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({
      name: "agora_http_requests_total",
      help: "HTTP requests answered, by matched route and status",
      labelNames: ["service", "method", "route", "status"],
      registers: [registry],
    }),
    duration: new Histogram({
      name: "agora_http_request_duration_seconds",
      help: "Time to answer an HTTP request",
      labelNames: ["service", "method", "route"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}

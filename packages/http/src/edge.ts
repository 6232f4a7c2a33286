import pino, { type Logger } from "pino";
import { createMetrics, type HttpMetrics } from "./metrics.ts";

/** What an edge runtime hands a module worker's `fetch` besides the request. */
export interface EdgeContext {
  waitUntil(promise: Promise<unknown>): void;
}

/**
 * JSON lines through `console`, which is where an isolate's logs go (workerd's stdout, Workers
 * Logs); pino's browser build, which the edge bundle picks, has no stream to write to.
 */
export function createEdgeLogger(level: string): Logger {
  return pino({
    level,
    // Without the error serializer an Error is logged as {} (its fields are not enumerable).
    serializers: { err: pino.stdSerializers.err },
    // eslint-disable-next-line no-console -- the isolate's only log sink
    browser: { asObject: true, serialize: true, write: (entry) => console.log(JSON.stringify(entry)) },
  });
}

/**
 * Counters of this isolate alone: `/metrics` answers, but an isolate lives for some requests and
 * is one of many, so nothing should scrape it; the process-wide default metrics would read Node's.
 */
export function createEdgeMetrics(): HttpMetrics {
  return createMetrics({ defaultMetrics: false });
}

/**
 * What an isolate answers to every request when its bindings are wrong, where a Node process would
 * refuse to start: 503 in the error envelope, naming each problem (never a value).
 */
export function misconfigured(what: string, problems: readonly string[]): () => Promise<Response> {
  const body = JSON.stringify({
    error: { code: "unavailable", message: `${what} cannot start: ${problems.join("; ")}`, requestId: "" },
  });
  return async () => new Response(body, { status: 503, headers: { "content-type": "application/json" } });
}

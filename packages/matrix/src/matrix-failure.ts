import { ConnectionError, HTTPError, MatrixError } from "matrix-js-sdk";
import { MatrixCallError, type MatrixFailure } from "./transport.ts";

/** Sorts anything a homeserver call threw into the kinds the callers act on. */
export function toMatrixCallError(error: unknown, what: string): MatrixCallError {
  if (error instanceof MatrixCallError) return error;
  return new MatrixCallError(classify(error, what), { cause: error });
}

function classify(error: unknown, what: string): MatrixFailure {
  if (error instanceof MatrixError) {
    const reason =
      `${what}: ${error.httpStatus ?? "?"} ${error.errcode ?? ""} ${error.data.error ?? error.message}`.trim();
    if (error.isRateLimitError()) {
      // Synapse sends retry_after_ms in the body; matrix-js-sdk also reads a Retry-After header.
      return { kind: "rate_limited", retryAfterMs: retryAfterMs(error), reason };
    }
    const status = error.httpStatus ?? 0;
    if (status >= 500) return { kind: "transient", reason };
    if (error.errcode === "M_FORBIDDEN") {
      // Synapse says "User @x:y not in room !r:y" both when never joined and after leaving.
      return /not in room/i.test(error.data.error ?? "")
        ? { kind: "not_in_room", reason }
        : { kind: "forbidden", reason };
    }
    if (error.errcode === "M_NOT_FOUND" || status === 404) return { kind: "unknown_room", reason };
    if (error.errcode === "M_UNKNOWN_TOKEN" || error.errcode === "M_MISSING_TOKEN" || status === 401) {
      return { kind: "forbidden", reason };
    }
    return { kind: "permanent", reason };
  }
  // A response that was not a Matrix error (a proxy's HTML page, say).
  if (error instanceof HTTPError) {
    const reason = `${what}: ${error.httpStatus ?? "?"} ${error.message}`;
    const status = error.httpStatus ?? 0;
    if (status === 429) return { kind: "rate_limited", retryAfterMs: retryAfterMs(error), reason };
    return status >= 500 || status === 0 ? { kind: "transient", reason } : { kind: "permanent", reason };
  }
  // Refused connections, resets, DNS failures and our request timeout all end here.
  if (error instanceof ConnectionError || isAbort(error)) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${describeCause(error.cause)}` : "";
    return { kind: "transient", reason: `${what}: ${(error as Error).message}${cause}` };
  }
  return { kind: "permanent", reason: `${what}: ${error instanceof Error ? error.message : String(error)}` };
}

// Matrix says to wait; a server that gives no figure still gets a pause rather than a hammering.
const DEFAULT_RETRY_AFTER_MS = 1_000;

function retryAfterMs(error: HTTPError): number {
  try {
    return error.getRetryAfterMs() ?? DEFAULT_RETRY_AFTER_MS;
  } catch {
    return DEFAULT_RETRY_AFTER_MS;
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}

function describeCause(cause: Error): string {
  // undici hides the socket error (ECONNREFUSED, ECONNRESET) one level further down.
  const inner = cause.cause instanceof Error ? ` (${cause.cause.message})` : "";
  return `${cause.message}${inner}`;
}

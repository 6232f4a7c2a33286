import { MatrixError } from "matrix-js-sdk";

export interface Backoff {
  minMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { minMs: 1_000, maxMs: 60_000 };

/** The homeserver no longer knows the access token: only a new login helps. */
export function isUnknownToken(error: unknown): boolean {
  return error instanceof MatrixError && (error.errcode === "M_UNKNOWN_TOKEN" || error.httpStatus === 401);
}

/**
 * How long to wait before the next `/sync` after `attempt` failures in a row: what a 429 asks
 * for, else doubling from `minMs` up to `maxMs`. Every failure is retried, a 4xx too, because
 * the bot has nothing better to do than keep trying; the log says why it waits.
 */
export function retryDelayMs(error: unknown, attempt: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  if (error instanceof MatrixError && error.isRateLimitError()) {
    const asked = error.getRetryAfterMs();
    if (asked !== null) return Math.min(Math.max(asked, backoff.minMs), backoff.maxMs * 10);
  }
  return Math.min(backoff.minMs * 2 ** attempt, backoff.maxMs);
}

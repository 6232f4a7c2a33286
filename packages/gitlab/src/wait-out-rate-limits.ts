import { setTimeout as wait } from "node:timers/promises";
import { GitlabCallError, type GitlabApi } from "./gitlab-api.ts";

export interface RateLimitPatience {
  /** The longest this waits in all for one `run`; a longer `Retry-After` is thrown to the caller. */
  limitMs: number;
  /** Told before each wait, for a log line. */
  onWait?: (waitMs: number, error: GitlabCallError) => void;
  /** How a wait is waited: the timers' by default, a test's own to check waits without taking them. */
  sleep?: (ms: number) => Promise<unknown>;
}

/**
 * Runs `run`, and when GitLab answers it with a rate limit that says how long to wait
 * (`Retry-After`), waits that long and runs it again. A 429 means GitLab did nothing, so even a
 * POST is safe to send again. Other failures, and waits past `limitMs`, are thrown as they are.
 *
 * @example
 * // Waits out up to a minute of `Retry-After` in all; a longer one is thrown, for the queue's backoff.
 * await waitingOutRateLimits(() => gitlab.addLabels(projectId, issueIid, ["sig::cloud"]), {
 *   limitMs: 60_000,
 *   onWait: (waitMs) => logger.info({ projectId, issueIid, waitMs }, "GitLab asked to wait"),
 * });
 */
export async function waitingOutRateLimits<T>(
  run: () => Promise<T>,
  { limitMs, onWait, sleep = wait }: RateLimitPatience,
): Promise<T> {
  let waitedMs = 0;
  for (;;) {
    try {
      return await run();
    } catch (error) {
      const waitMs =
        error instanceof GitlabCallError && error.failure.kind === "transient" ? error.failure.retryAfterMs : undefined;
      if (waitMs === undefined || waitedMs + waitMs > limitMs) throw error;
      onWait?.(waitMs, error as GitlabCallError);
      await sleep(waitMs);
      waitedMs += waitMs;
    }
  }
}

/** The same client, each of whose calls waits out rate limits on its own (for long runs such as sweeps). */
export function rateLimitPatient(api: GitlabApi, patience: RateLimitPatience): GitlabApi {
  return Object.fromEntries(
    Object.entries(api).map(([name, method]) => [
      name,
      (...args: unknown[]) =>
        waitingOutRateLimits(() => (method as (...a: unknown[]) => Promise<unknown>)(...args), patience),
    ]),
  ) as unknown as GitlabApi;
}

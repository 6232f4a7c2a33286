import { GitbeakerRequestError, GitbeakerRetryError, GitbeakerTimeoutError } from "@gitbeaker/rest";
import { GitlabCallError, type GitlabFailure } from "./gitlab-api.ts";

/**
 * Sorts what gitbeaker threw into a `GitlabFailure`. With `gitlabRequesterFn` a refused request
 * always arrives as a `GitbeakerRequestError` holding GitLab's answer, so a 429's `Retry-After`
 * is kept; a `GitbeakerRetryError` (gitbeaker's own transport, should anyone use it) only names
 * the last status and is still `transient`. Errors that are not about the call (a bug in our
 * code) are returned as they are.
 */
export function classifyGitlabError(error: unknown): unknown {
  if (error instanceof GitlabCallError) return error;
  const failure = toFailure(error);
  return failure ? new GitlabCallError(failure) : error;
}

function toFailure(error: unknown): GitlabFailure | null {
  if (error instanceof GitbeakerRequestError) {
    const response = (error.cause as { response?: Response } | undefined)?.response;
    const status = response?.status ?? 0;
    const reason = (error.message || response?.statusText || "no reason given").slice(0, 300);
    if (status === 404) return { kind: "gone", status, reason };
    if (status === 401 || status === 403) return { kind: "forbidden", status, reason };
    if (status === 429 || status >= 500 || status === 0) {
      return {
        kind: "transient",
        status: status || null,
        reason,
        retryAfterMs: retryAfterMs(response?.headers.get("retry-after")),
      };
    }
    return { kind: "invalid", status, reason };
  }
  if (error instanceof GitbeakerRetryError) {
    const status = Number(/last status code: (\d+)/.exec(error.message)?.[1]) || null;
    return { kind: "transient", status, reason: error.message };
  }
  if (error instanceof GitbeakerTimeoutError) return { kind: "transient", status: null, reason: "timed out" };
  // fetch() rejects with a TypeError whose cause is the socket error (ECONNREFUSED, ECONNRESET…).
  if (error instanceof TypeError && error.message === "fetch failed") {
    const code = (error.cause as { code?: string } | undefined)?.code;
    return { kind: "transient", status: null, reason: `network error${code ? ` ${code}` : ""}` };
  }
  return null;
}

function retryAfterMs(header: string | null | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

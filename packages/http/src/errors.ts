import type { ZodError } from "zod";
import { describeProblem, ErrorCode } from "@agora/schemas";

export { ErrorCode };

const statusOf: Record<ErrorCode, 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 429 | 500 | 503> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/**
 * The one error class routes throw; `onError` turns it into the envelope
 * `{ error: { code, message, requestId } }` with the status that belongs to the code.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: (typeof statusOf)[ErrorCode];

  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
    this.status = statusOf[code];
  }
}

export function codeForStatus(status: number): ErrorCode {
  const found = (Object.entries(statusOf) as [ErrorCode, number][]).find(([, s]) => s === status);
  return found?.[0] ?? (status >= 500 ? "internal" : "bad_request");
}

/** One line per problem, each naming the field: `body.title: expected string`. */
export function describeZodError(error: ZodError, prefix?: string): string {
  return error.issues
    .map((issue) => describeProblem({ path: prefix ? [prefix, ...issue.path] : issue.path, message: issue.message }))
    .join("; ");
}

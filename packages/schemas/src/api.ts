import { z } from "zod";

/** Every error code a client can see; one list for every service. */
export const ErrorCode = z.enum([
  "bad_request",
  "validation_failed",
  "unauthorized",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "conflict",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "unavailable",
  "internal",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The one shape of every error answer; `requestId` matches the `X-Request-Id` header and the logs. */
export const ErrorEnvelope = z.object({
  error: z.object({
    code: ErrorCode,
    /** For validation errors, names the offending field's path: `body.title: is required`. */
    message: z.string(),
    requestId: z.string(),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/** `GET /healthz`: the process is up. */
export const Health = z.object({ status: z.literal("ok") });
export type Health = z.infer<typeof Health>;

export const ReadinessCheckResult = z.object({ ok: z.boolean(), error: z.string().optional() });
export type ReadinessCheckResult = z.infer<typeof ReadinessCheckResult>;

/** `GET /readyz`: one entry per dependency (database, queue…). */
export const Readiness = z.object({
  status: z.enum(["ok", "unavailable"]),
  checks: z.record(z.string(), ReadinessCheckResult),
});
export type Readiness = z.infer<typeof Readiness>;

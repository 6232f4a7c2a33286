import { describe, expect, it } from "vitest";
import { ErrorEnvelope, Health, Readiness } from "../src/index.ts";

describe("API bodies", () => {
  it("accept the error envelope and refuse an unknown code", () => {
    const envelope = { error: { code: "validation_failed", message: "body.title: is required", requestId: "r-1" } };
    expect(ErrorEnvelope.parse(envelope)).toEqual(envelope);
    expect(ErrorEnvelope.safeParse({ error: { ...envelope.error, code: "oops" } }).success).toBe(false);
    expect(ErrorEnvelope.safeParse({ error: { code: "internal", message: "x" } }).success).toBe(false);
  });

  it("describe health and readiness", () => {
    expect(Health.safeParse({ status: "ok" }).success).toBe(true);
    expect(Health.safeParse({ status: "down" }).success).toBe(false);
    const ready = { status: "unavailable", checks: { database: { ok: true }, queue: { ok: false, error: "timeout" } } };
    expect(Readiness.parse(ready)).toEqual(ready);
    expect(Readiness.safeParse({ status: "ok", checks: { database: { ok: "yes" } } }).success).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../src/rate-limit/index.ts";

describe("createRateLimiter", () => {
  it("allows `limit` submits per address in a window, then refuses until the window has passed", () => {
    let now = Date.parse("2026-06-15T10:00:00Z");
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000, now: () => now });
    expect([limiter.hit("198.51.100.1"), limiter.hit("198.51.100.1"), limiter.hit("198.51.100.1")]).toEqual([
      true,
      true,
      false,
    ]);
    expect(limiter.hit("198.51.100.2")).toBe(true);
    now += 30_000;
    expect(limiter.hit("198.51.100.1")).toBe(false);
    now += 30_001;
    expect(limiter.hit("198.51.100.1")).toBe(true);
  });

  it("says how long an address must wait: until its oldest counted submit leaves the window, or midnight", () => {
    let now = Date.parse("2026-06-15T10:00:00Z");
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000, now: () => now });
    expect(limiter.retryAfter("198.51.100.1")).toEqual({ ms: 0, at: now });
    limiter.hit("198.51.100.1");
    now += 20_000;
    limiter.hit("198.51.100.1");
    expect(limiter.retryAfter("198.51.100.2").ms).toBe(0);
    now += 5_000;
    expect(limiter.hit("198.51.100.1")).toBe(false);
    expect(limiter.retryAfter("198.51.100.1")).toEqual({ ms: 35_000, at: Date.parse("2026-06-15T10:01:00Z") });
    now = Date.parse("2026-06-15T10:01:00Z");
    expect(limiter.retryAfter("198.51.100.1").ms).toBe(0);
    expect(limiter.hit("198.51.100.1")).toBe(true);
    // The next UTC day brings a new key and no counts: no one waits past midnight.
    now = Date.parse("2026-06-15T23:59:50Z");
    limiter.hit("198.51.100.3");
    limiter.hit("198.51.100.3");
    expect(limiter.retryAfter("198.51.100.3")).toEqual({ ms: 10_000, at: Date.parse("2026-06-16T00:00:00Z") });
  });

  it("forgets every address when the day changes (a new key) and keeps at most maxBuckets addresses", () => {
    let now = Date.parse("2026-06-15T23:59:00Z");
    const limiter = createRateLimiter({ limit: 1, windowMs: 10 * 60_000, maxBuckets: 100, now: () => now });
    expect(limiter.hit("2001:db8::1")).toBe(true);
    expect(limiter.hit("2001:db8::1")).toBe(false);
    now += 2 * 60_000;
    expect(limiter.size()).toBe(1);
    expect(limiter.hit("2001:db8::1")).toBe(true);
    for (let i = 0; i < 1000; i++) limiter.hit(`10.0.${i >> 8}.${i & 255}`);
    expect(limiter.size()).toBe(100);
    // The most recent addresses are the ones kept.
    expect(limiter.hit("10.0.3.231")).toBe(false);
  });
});

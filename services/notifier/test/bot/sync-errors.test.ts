import { ConnectionError, MatrixError } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { isUnknownToken, retryDelayMs } from "../../src/bot/sync-errors.ts";

const backoff = { minMs: 1_000, maxMs: 60_000 };

describe("retryDelayMs", () => {
  it("doubles after each failure up to the cap", () => {
    const down = new ConnectionError("fetch failed");
    expect([0, 1, 2, 5, 6, 20].map((attempt) => retryDelayMs(down, attempt, backoff))).toEqual([
      1_000, 2_000, 4_000, 32_000, 60_000, 60_000,
    ]);
    expect(retryDelayMs(new MatrixError({ errcode: "M_UNKNOWN" }, 502), 1, backoff)).toBe(2_000);
  });

  it("waits as long as a 429 asks", () => {
    const limited = new MatrixError({ errcode: "M_LIMIT_EXCEEDED", retry_after_ms: 7_500 }, 429);
    expect(retryDelayMs(limited, 0, backoff)).toBe(7_500);
  });
});

describe("isUnknownToken", () => {
  it("recognises a forgotten session and nothing else", () => {
    expect(isUnknownToken(new MatrixError({ errcode: "M_UNKNOWN_TOKEN" }, 401))).toBe(true);
    expect(isUnknownToken(new MatrixError({ errcode: "M_FORBIDDEN" }, 403))).toBe(false);
    expect(isUnknownToken(new ConnectionError("down"))).toBe(false);
  });
});

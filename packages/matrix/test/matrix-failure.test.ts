import { ConnectionError, HTTPError, MatrixError } from "matrix-js-sdk";
import { expect, test } from "vitest";
import { toMatrixCallError } from "../src/matrix-failure.ts";

// Cases a local Synapse does not produce on demand; the rest are covered against a real one.
test("takes the wait from a Retry-After header when the body has none", () => {
  const error = new MatrixError(
    { errcode: "M_LIMIT_EXCEEDED", error: "slow down" },
    429,
    undefined,
    undefined,
    new Headers({ "Retry-After": "7" }),
  );
  expect(toMatrixCallError(error, "send").failure).toMatchObject({ kind: "rate_limited", retryAfterMs: 7_000 });
});

test("a 429 with no figure still waits a little", () => {
  const error = new MatrixError({ errcode: "M_LIMIT_EXCEEDED" }, 429);
  expect(toMatrixCallError(error, "send").failure).toMatchObject({ kind: "rate_limited", retryAfterMs: 1_000 });
});

test("5xx, proxy pages and lost connections are transient", () => {
  expect(toMatrixCallError(new MatrixError({ errcode: "M_UNKNOWN" }, 502), "send").failure.kind).toBe("transient");
  expect(toMatrixCallError(new HTTPError("Bad Gateway", 502), "send").failure.kind).toBe("transient");
  expect(
    toMatrixCallError(new ConnectionError("fetch failed", new Error("connect ECONNREFUSED")), "send").failure,
  ).toMatchObject({
    kind: "transient",
    reason: "send: fetch failed: connect ECONNREFUSED",
  });
});

test("a malformed request is permanent", () => {
  const failure = toMatrixCallError(new MatrixError({ errcode: "M_BAD_JSON", error: "bad" }, 400), "send").failure;
  expect(failure).toEqual({ kind: "permanent", reason: "send: 400 M_BAD_JSON bad" });
});

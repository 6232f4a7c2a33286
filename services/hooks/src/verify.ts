import { createHash, createHmac, timingSafeEqual } from "node:crypto";

// Both sides are hashed first so the comparison takes the same time whatever the lengths:
// timingSafeEqual alone would throw on (and so reveal) a length mismatch.
function sameSecret(given: string | Buffer, expected: string | Buffer): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** GitLab sends its secret as is, in `X-Gitlab-Token`. */
export function gitlabTokenMatches(header: string | undefined, secret: string): boolean {
  return header !== undefined && sameSecret(header, secret);
}

/**
 * Discourse signs the exact raw body: `X-Discourse-Event-Signature: sha256=<hex HMAC-SHA256>`.
 * Verified over the bytes received, never over re-serialised JSON.
 */
export function discourseSignatureMatches(header: string | undefined, rawBody: Uint8Array, secret: string): boolean {
  if (header === undefined) return false;
  const expected = `sha256=${createHmac("sha256", secret).update(rawBody).digest("hex")}`;
  return sameSecret(header.trim().toLowerCase(), expected);
}

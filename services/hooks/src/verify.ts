// Web Crypto only, so that the same checks run on Node and in an edge isolate. Web Crypto has no
// timingSafeEqual, but HMAC verification is constant-time by specification: comparisons are
// made as verifications of a MAC, never with `===` on secrets.

const encoder = new TextEncoder();

function hmacKey(secret: string | Uint8Array<ArrayBuffer>, usage: "sign" | "verify") {
  const bytes = typeof secret === "string" ? encoder.encode(secret) : secret;
  return crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, [usage]);
}

/**
 * The MAC of `expected` under a key used once, verified against `given`: equal inputs and only
 * they verify, in a time that depends on neither, whatever their lengths.
 */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const key = crypto.getRandomValues(new Uint8Array(32));
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(key, "sign"), encoder.encode(expected));
  return crypto.subtle.verify("HMAC", await hmacKey(key, "verify"), mac, encoder.encode(given));
}

/** GitLab sends its secret as is, in `X-Gitlab-Token`. */
export async function gitlabTokenMatches(header: string | undefined, secret: string): Promise<boolean> {
  return header !== undefined && sameSecret(header, secret);
}

const SIGNATURE = /^sha256=([0-9a-f]{64})$/;

/**
 * Discourse signs the exact raw body: `X-Discourse-Event-Signature: sha256=<hex HMAC-SHA256>`.
 * Verified over the bytes received, never over re-serialised JSON.
 */
export async function discourseSignatureMatches(
  header: string | undefined,
  rawBody: Uint8Array<ArrayBuffer>,
  secret: string,
): Promise<boolean> {
  const hex = SIGNATURE.exec(header?.trim().toLowerCase() ?? "")?.[1];
  if (hex === undefined) return false;
  const signature = new Uint8Array(32);
  for (let i = 0; i < 32; i++) signature[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return crypto.subtle.verify("HMAC", await hmacKey(secret, "verify"), signature, rawBody);
}

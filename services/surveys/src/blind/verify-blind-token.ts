import { constants, createPublicKey, verify } from "node:crypto";

/**
 * A blind token as a member sends it: `base64url(prepared message).base64url(signature)`.
 * The prepared message is the member's random message with RFC 9474's 32-byte random prefix
 * (RSABSSA-SHA384-PSS-Randomized); the signature is the finalized blind signature on it.
 */
export function splitBlindToken(token: string): { message: Buffer; signature: Buffer } | undefined {
  const [, message, signature] = /^([A-Za-z0-9_-]{43,1400})\.([A-Za-z0-9_-]{300,1400})$/.exec(token.trim()) ?? [];
  if (message === undefined || signature === undefined) return undefined;
  return { message: Buffer.from(message, "base64url"), signature: Buffer.from(signature, "base64url") };
}

/**
 * Whether the token carries a valid signature of the survey's key. RFC 9474's verification is
 * plain RSASSA-PSS with SHA-384 and a 48-byte salt, so Node's OpenSSL checks it directly.
 */
export function verifyBlindToken(publicKeyPem: string, token: string): boolean {
  const parts = splitBlindToken(token);
  if (!parts) return false;
  const key = createPublicKey(publicKeyPem);
  try {
    return verify(
      "sha384",
      parts.message,
      { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 },
      parts.signature,
    );
  } catch {
    // A signature of the wrong length makes OpenSSL throw rather than answer false: it is a member's
    // mistyped token, not a fault of the server.
    return false;
  }
}

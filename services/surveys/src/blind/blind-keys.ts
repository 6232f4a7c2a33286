import { generateKeyPair } from "node:crypto";
import { promisify } from "node:util";

const generate = promisify(generateKeyPair);

/** The one key size of blind surveys; every blinded message and signature is this long. */
export const BLIND_KEY_BITS = 2048;

/**
 * A fresh RSA key pair for one blind survey. 2048 bits is the smallest modulus RFC 9474 allows
 * for its RSABSSA-SHA384 suites; each survey gets its own, so tokens of one survey never count
 * in another.
 */
export async function newBlindKeys(): Promise<{ privateKeyPem: string; publicKeyPem: string }> {
  const { privateKey, publicKey } = await generate("rsa", {
    modulusLength: BLIND_KEY_BITS,
    publicExponent: 65537,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

import {
  constants,
  createPrivateKey,
  createPublicKey,
  privateDecrypt,
  publicEncrypt,
  timingSafeEqual,
  type KeyObject,
} from "node:crypto";

/** The RFC 9474 variant every blind survey uses: SHA-384, PSS with a 48-byte salt, a 32-byte random prefix. */
export const BLIND_VARIANT = "RSABSSA-SHA384-PSS-Randomized" as const;

/** Why a blinded message cannot be signed; the message goes to the member as is. */
export class BlindMessageError extends Error {}

export interface BlindSigner {
  /** Length of the modulus in bytes: every blinded message and signature has exactly this length. */
  modulusBytes: number;
  /** What is wrong with a blinded message, naming the field; undefined when it can be signed. */
  problemWith(blindedMessage: Uint8Array): string | undefined;
  /** RFC 9474 BlindSign: s = m^d mod n, checked with the public key before it leaves. */
  sign(blindedMessage: Uint8Array): Buffer;
}

/**
 * The signer of one survey's key. The private-key operation is Node's OpenSSL (RSA without
 * padding, which is exactly RSASP1 with OpenSSL's own blinding against timing attacks); the
 * checks around it are the ones RFC 9474 §4.3 asks of the signer.
 */
export function blindSigner(privateKeyPem: string): BlindSigner {
  const privateKey = createPrivateKey(privateKeyPem);
  const publicKey = createPublicKey(privateKey);
  const n = modulusOf(publicKey);
  const modulusBytes = Math.ceil(n.toString(16).length / 2);
  const problemWith = (blindedMessage: Uint8Array) => {
    if (blindedMessage.length !== modulusBytes) {
      return `blinded_message: must be ${modulusBytes} bytes (the key's modulus length), got ${blindedMessage.length}`;
    }
    // OpenSSL refuses m ≥ n too, but with an error that reads like a server fault; RSASP1
    // defines the operation only for m < n, so the member hears it plainly.
    if (toBigInt(blindedMessage) >= n) return "blinded_message: must be a number smaller than the key's modulus";
    return undefined;
  };
  return {
    modulusBytes,
    problemWith,
    sign(blindedMessage) {
      const problem = problemWith(blindedMessage);
      if (problem) throw new BlindMessageError(problem);
      const message = Buffer.from(blindedMessage);
      const signature = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, message);
      // A fault in the private-key operation (a flipped bit in a CRT half) would leak the key
      // through the faulty signature: RFC 9474 §4.3 says check s^e mod n == m before answering.
      const check = publicEncrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, signature);
      if (check.length !== message.length || !timingSafeEqual(check, message))
        throw new Error("blind signing failed its own check");
      return signature;
    },
  };
}

function modulusOf(publicKey: KeyObject): bigint {
  const jwk = publicKey.export({ format: "jwk" });
  if (publicKey.asymmetricKeyType !== "rsa" || !jwk.n) throw new Error("a blind survey's key must be an RSA key");
  return toBigInt(Buffer.from(jwk.n, "base64url"));
}

const toBigInt = (bytes: Uint8Array) => (bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString("hex")}`));

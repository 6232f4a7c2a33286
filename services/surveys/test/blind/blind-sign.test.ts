import { createPublicKey, webcrypto } from "node:crypto";
import { RSABSSA } from "@cloudflare/blindrsa-ts";
import { beforeAll, describe, expect, it } from "vitest";
import { BlindMessageError, blindSigner } from "../../src/blind/blind-sign.ts";
import { newBlindKeys } from "../../src/blind/blind-keys.ts";
import { verifyBlindToken } from "../../src/blind/verify-blind-token.ts";

const suite = RSABSSA.SHA384.PSS.Randomized();
let keys: { privateKeyPem: string; publicKeyPem: string };
let publicKey: webcrypto.CryptoKey;
let modulus: Buffer;

const importPublic = (pem: string) =>
  webcrypto.subtle.importKey(
    "spki",
    createPublicKey(pem).export({ type: "spki", format: "der" }),
    { name: "RSA-PSS", hash: "SHA-384" },
    true,
    ["verify"],
  );

beforeAll(async () => {
  keys = await newBlindKeys();
  publicKey = await importPublic(keys.publicKeyPem);
  modulus = Buffer.from(createPublicKey(keys.publicKeyPem).export({ format: "jwk" }).n!, "base64url");
});

async function tokenSignedByServer(signerPem = keys.privateKeyPem) {
  const prepared = suite.prepare(webcrypto.getRandomValues(new Uint8Array(32)));
  const { blindedMsg, inv } = await suite.blind(publicKey, prepared);
  const blindSignature = blindSigner(signerPem).sign(blindedMsg);
  return {
    prepared,
    blindedMsg,
    blindSignature,
    signature: await suite.finalize(publicKey, prepared, blindSignature, inv),
  };
}

const token = (prepared: Uint8Array, signature: Uint8Array) =>
  `${Buffer.from(prepared).toString("base64url")}.${Buffer.from(signature).toString("base64url")}`;

describe("blindSigner (Node's OpenSSL, RFC 9474 BlindSign)", () => {
  it("signs a message blinded by blindrsa-ts so that the unblinded token verifies with verifyBlindToken and with blindrsa-ts", async () => {
    const { prepared, blindedMsg, blindSignature, signature } = await tokenSignedByServer();
    expect(blindSignature).toHaveLength(256);
    // The blind signature is not the token's signature: the server never sees what it signed.
    expect(Buffer.from(signature).equals(blindSignature)).toBe(false);
    expect(Buffer.from(blindedMsg).includes(Buffer.from(prepared))).toBe(false);
    expect(verifyBlindToken(keys.publicKeyPem, token(prepared, signature))).toBe(true);
    expect(await suite.verify(publicKey, signature, prepared)).toBe(true);
  });

  it("gives tokens that fail under another survey's key and when a byte of the message changes", async () => {
    const { prepared, signature } = await tokenSignedByServer();
    const other = await newBlindKeys();
    expect(verifyBlindToken(other.publicKeyPem, token(prepared, signature))).toBe(false);
    const altered = Uint8Array.from(prepared);
    altered[40]! ^= 1;
    expect(verifyBlindToken(keys.publicKeyPem, token(altered, signature))).toBe(false);
    expect(await suite.verify(publicKey, signature, altered)).toBe(false);
  });

  it("refuses a blinded message equal to or above the modulus, naming blinded_message", () => {
    const signer = blindSigner(keys.privateKeyPem);
    const aboveModulus = Buffer.from(modulus);
    aboveModulus[aboveModulus.length - 1]! += 1;
    for (const message of [modulus, aboveModulus, Buffer.alloc(256, 0xff)]) {
      expect(signer.problemWith(message)).toBe("blinded_message: must be a number smaller than the key's modulus");
      expect(() => signer.sign(message)).toThrow(BlindMessageError);
    }
    const justBelow = Buffer.from(modulus);
    justBelow[justBelow.length - 1]! -= 1;
    expect(signer.problemWith(justBelow)).toBeUndefined();
    expect(signer.sign(justBelow)).toHaveLength(256);
  });

  it("refuses a blinded message of the wrong length", () => {
    const signer = blindSigner(keys.privateKeyPem);
    expect(signer.modulusBytes).toBe(256);
    expect(signer.problemWith(Buffer.alloc(255, 1))).toBe(
      "blinded_message: must be 256 bytes (the key's modulus length), got 255",
    );
    expect(signer.problemWith(Buffer.alloc(257, 0))).toMatch(/^blinded_message: must be 256 bytes/);
    expect(signer.problemWith(Buffer.alloc(0))).toMatch(/got 0$/);
  });
});

import { createPrivateKey, createPublicKey, webcrypto } from "node:crypto";
import { readFileSync } from "node:fs";
import { RSABSSA } from "@cloudflare/blindrsa-ts";
import { beforeAll, describe, expect, it } from "vitest";
import { blindSigner } from "../../src/blind/blind-sign.ts";
import { newBlindKeys } from "../../src/blind/blind-keys.ts";
import { verifyBlindToken } from "../../src/blind/verify-blind-token.ts";

interface PublicKeyParts {
  n: bigint;
  bytes: number;
}
/** The page script's RFC 9474 client (src/blind/assets/blind-rsa-client.js), run here on Node's WebCrypto. */
interface BlindRsaClient {
  readKey(pem: string): Promise<PublicKeyParts>;
  blind(pk: PublicKeyParts, prepared: Uint8Array): Promise<{ blindedMessage: Uint8Array; inverse: bigint }>;
  finalize(pk: PublicKeyParts, prepared: Uint8Array, blindSignature: Uint8Array, inverse: bigint): Promise<Uint8Array>;
  randomBytes(length: number): Uint8Array;
  concat(...parts: Uint8Array[]): Uint8Array;
}

const source = readFileSync(new URL("../../src/blind/assets/blind-rsa-client.js", import.meta.url), "utf8");
const client = new Function(`"use strict";\n${source}\nreturn blindRsaClient;`)() as BlindRsaClient;
const suite = RSABSSA.SHA384.PSS.Randomized();

let keys: { privateKeyPem: string; publicKeyPem: string };
let pk: PublicKeyParts;

beforeAll(async () => {
  keys = await newBlindKeys();
  pk = await client.readKey(keys.publicKeyPem);
});

const token = (prepared: Uint8Array, signature: Uint8Array) =>
  `${Buffer.from(prepared).toString("base64url")}.${Buffer.from(signature).toString("base64url")}`;

describe("the page's blind-RSA client", () => {
  it("reads the modulus of the survey's PEM key", () => {
    const n = Buffer.from(createPublicKey(keys.publicKeyPem).export({ format: "jwk" }).n!, "base64url");
    expect(pk.n.toString(16)).toBe(n.toString("hex").replace(/^0+/, ""));
    expect(pk.bytes).toBe(256);
  });

  it("blinds so that the server's signature finalizes into a token OpenSSL and blindrsa-ts both accept", async () => {
    const signer = blindSigner(keys.privateKeyPem);
    const publicKey = await webcrypto.subtle.importKey(
      "spki",
      createPublicKey(keys.publicKeyPem).export({ type: "spki", format: "der" }),
      { name: "RSA-PSS", hash: "SHA-384" },
      true,
      ["verify"],
    );
    // Several rounds: a blinded number or signature with leading zero bytes must survive too.
    for (let round = 0; round < 12; round++) {
      const prepared = client.concat(client.randomBytes(32), client.randomBytes(32));
      const { blindedMessage, inverse } = await client.blind(pk, prepared);
      expect(blindedMessage).toHaveLength(256);
      const signature = await client.finalize(pk, prepared, signer.sign(blindedMessage), inverse);
      expect(verifyBlindToken(keys.publicKeyPem, token(prepared, signature))).toBe(true);
      expect(await suite.verify(publicKey, signature, prepared)).toBe(true);
    }
  });

  it("gets from Node's OpenSSL the same blind signature as blindrsa-ts's own signer computes", async () => {
    const privateKey = await webcrypto.subtle.importKey(
      "pkcs8",
      createPrivateKey(keys.privateKeyPem).export({ type: "pkcs8", format: "der" }),
      { name: "RSA-PSS", hash: "SHA-384" },
      true,
      ["sign"],
    );
    const { blindedMessage } = await client.blind(pk, client.randomBytes(64));
    const theirs = await suite.blindSign(privateKey, blindedMessage);
    expect(Buffer.from(blindSigner(keys.privateKeyPem).sign(blindedMessage)).equals(Buffer.from(theirs))).toBe(true);
  });

  it("refuses to finalize a signature that does not match, so the page never shows a useless token", async () => {
    const prepared = client.randomBytes(64);
    const { blindedMessage, inverse } = await client.blind(pk, prepared);
    const other = blindSigner((await newBlindKeys()).privateKeyPem);
    // Another key's signature on a number below our modulus: the right length, the wrong signer.
    const wrong = other.problemWith(blindedMessage) ? Buffer.alloc(256, 1) : other.sign(blindedMessage);
    await expect(client.finalize(pk, prepared, wrong, inverse)).rejects.toThrow("does not verify");
  });
});

/* global crypto, fetch, atob, btoa */
// The member's side of RFC 9474 (RSABSSA-SHA384-PSS-Randomized) for the survey page: Prepare,
// Blind and Finalize with BigInt, WebCrypto for hashing, randomness and the final PSS check.
// Everything that could link a member to an answer stays in the browser: the token and the
// blinding factor are made here; the server sees only the membership code and a blinded number.
// A fragment of /assets/survey-blind.js (see blind-script-route.ts), which wraps it and
// blind-token-helper.js in one function; tests run it alone.

const HASH = "SHA-384";
const HASH_BYTES = 48;
const SALT_BYTES = 48;
const PREFIX_BYTES = 32;
const MESSAGE_BYTES = 32;

// --- bytes and numbers -------------------------------------------------------------------

const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const randomBytes = (length) => crypto.getRandomValues(new Uint8Array(length));
const sha384 = async (bytes) => new Uint8Array(await crypto.subtle.digest(HASH, bytes));

const toBase64url = (bytes) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
const fromBase64url = (text) => {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
};

const bytesToInt = (bytes) => bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
const intToBytes = (n, length) => {
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--, n >>= 8n) out[i] = Number(n & 0xffn);
  if (n !== 0n) throw new Error("integer too large");
  return out;
};
const mod = (a, n) => ((a % n) + n) % n;
const modPow = (base, exponent, n) => {
  let result = 1n;
  base = mod(base, n);
  for (; exponent > 0n; exponent >>= 1n, base = (base * base) % n) if (exponent & 1n) result = (result * base) % n;
  return result;
};
const gcd = (a, b) => {
  while (b) [a, b] = [b, a % b];
  return a;
};
const modInverse = (a, n) => {
  let [r0, r1, t0, t1] = [n, mod(a, n), 0n, 1n];
  while (r1) {
    const q = r0 / r1;
    [r0, r1, t0, t1] = [r1, r0 - q * r1, t1, t0 - q * t1];
  }
  if (r0 !== 1n) throw new Error("blinding error: no inverse");
  return mod(t0, n);
};
// Uniform in [1, n): draw as many bits as n has and draw again when the number is out of range.
const randomBelow = (n) => {
  const bits = n.toString(2).length;
  const bytes = Math.ceil(bits / 8);
  for (;;) {
    const r = bytesToInt(randomBytes(bytes)) >> BigInt(bytes * 8 - bits);
    if (r > 0n && r < n) return r;
  }
};

// --- RFC 8017 EMSA-PSS encoding with SHA-384 and MGF1-SHA-384 ----------------------------

const mgf1 = async (seed, length) => {
  const blocks = [];
  for (let counter = 0; blocks.length * HASH_BYTES < length; counter++) {
    blocks.push(await sha384(concat(seed, intToBytes(BigInt(counter), 4))));
  }
  return concat(...blocks).slice(0, length);
};

const emsaPssEncode = async (message, emBits) => {
  const emLen = Math.ceil(emBits / 8);
  if (emLen < HASH_BYTES + SALT_BYTES + 2) throw new Error("key too small");
  const salt = randomBytes(SALT_BYTES);
  const h = await sha384(concat(new Uint8Array(8), await sha384(message), salt));
  const db = concat(new Uint8Array(emLen - SALT_BYTES - HASH_BYTES - 2), Uint8Array.of(1), salt);
  const mask = await mgf1(h, db.length);
  const maskedDb = db.map((b, i) => b ^ mask[i]);
  maskedDb[0] &= 0xff >> (8 * emLen - emBits);
  return concat(maskedDb, h, Uint8Array.of(0xbc));
};

// --- RFC 9474: Prepare, Blind, Finalize --------------------------------------------------

const readKey = async (pem) => {
  const der = Uint8Array.from(atob(pem.replace(/-----[A-Z ]+-----|\s+/g, "")), (ch) => ch.charCodeAt(0));
  const key = await crypto.subtle.importKey("spki", der, { name: "RSA-PSS", hash: HASH }, true, ["verify"]);
  const jwk = await crypto.subtle.exportKey("jwk", key);
  const n = bytesToInt(fromBase64url(jwk.n));
  return {
    key,
    n,
    e: bytesToInt(fromBase64url(jwk.e)),
    bits: n.toString(2).length,
    bytes: Math.ceil(n.toString(2).length / 8),
  };
};

const blind = async (pk, prepared) => {
  const m = bytesToInt(await emsaPssEncode(prepared, pk.bits - 1));
  if (gcd(m, pk.n) !== 1n) throw new Error("invalid input");
  const r = randomBelow(pk.n);
  const inverse = modInverse(r, pk.n);
  const z = (m * modPow(r, pk.e, pk.n)) % pk.n;
  return { blindedMessage: intToBytes(z, pk.bytes), inverse };
};

const finalize = async (pk, prepared, blindSignature, inverse) => {
  if (blindSignature.length !== pk.bytes) throw new Error("unexpected signature size");
  const signature = intToBytes((bytesToInt(blindSignature) * inverse) % pk.n, pk.bytes);
  const valid = await crypto.subtle.verify({ name: "RSA-PSS", saltLength: SALT_BYTES }, pk.key, signature, prepared);
  if (!valid) throw new Error("the server's signature does not verify");
  return signature;
};

const fetchJson = async (url, init) => {
  const response = await fetch(url, {
    ...init,
    credentials: "same-origin",
    headers: { accept: "application/json", ...init?.headers },
  });
  const body = await response.json().catch(() => undefined);
  if (!response.ok) throw new Error(body?.error?.message ?? `the server answered ${response.status}`);
  return body;
};

/** The whole member side: a fresh random token, signed blind, as `message.signature` in base64url. */
const makeToken = async (slug, credential) => {
  const base = `/api/surveys/${encodeURIComponent(slug)}`;
  const published = await fetchJson(`${base}/blind-key`);
  if (published.variant !== "RSABSSA-SHA384-PSS-Randomized") throw new Error(`unknown variant ${published.variant}`);
  const pk = await readKey(published.public_key);
  const prepared = concat(randomBytes(PREFIX_BYTES), randomBytes(MESSAGE_BYTES));
  const { blindedMessage, inverse } = await blind(pk, prepared);
  const signed = await fetchJson(`${base}/blind-sign`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ credential, blinded_message: toBase64url(blindedMessage) }),
  });
  const signature = await finalize(pk, prepared, fromBase64url(signed.blind_signature), inverse);
  return `${toBase64url(prepared)}.${toBase64url(signature)}`;
};

// What the page helper (and the tests) use; the rest stays inside the served function.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
const blindRsaClient = {
  readKey,
  blind,
  finalize,
  makeToken,
  toBase64url,
  fromBase64url,
  randomBytes,
  concat,
  PREFIX_BYTES,
  MESSAGE_BYTES,
};

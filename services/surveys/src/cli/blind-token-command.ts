import { createHash, webcrypto } from "node:crypto";
import { parseArgs } from "node:util";
import { RSABSSA } from "@cloudflare/blindrsa-ts";

/** Where a command writes: the terminal in `agora`, a buffer in tests. */
export type Output = { out: (line: string) => void; err: (line: string) => void };

const terminal: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const usage = "usage: agora survey blind-token --url http://host:8080 --survey SLUG --credential-env NAME";
const VARIANT = "RSABSSA-SHA384-PSS-Randomized";

class CommandError extends Error {}

/**
 * `agora survey blind-token`: the member's side of a blind survey (RFC 9474): makes a random
 * token, blinds it, spends the membership credential for a blind signature, unblinds it and
 * prints `base64url(prepared message).base64url(signature)` on stdout, to paste into the page's
 * token field or to post with the answers. The credential is read from the environment variable
 * `--credential-env` names, never from the command line, so it stays out of shell history and
 * process listings. Returns the exit code.
 */
export async function runBlindToken(
  args: string[],
  output: Output = terminal,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { url: { type: "string" }, survey: { type: "string" }, "credential-env": { type: "string" } },
    }));
  } catch (error) {
    output.err(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const { url, survey, "credential-env": credentialEnv } = values;
  if (!url || !survey || !credentialEnv) {
    output.err(usage);
    return 2;
  }
  const credential = env[credentialEnv]?.trim();
  if (!credential) {
    output.err(`the environment variable ${credentialEnv} is empty or unset: put the membership credential there`);
    return 2;
  }
  try {
    const { token, keySha256 } = await makeBlindToken(apiBase(url, survey), credential);
    // On stderr, so stdout stays the token alone: compare it with the fingerprint the survey's
    // organisers published, to be sure everyone's token was signed by the same key.
    output.err(`signed by the survey key SHA256:${keySha256}`);
    output.out(token);
    return 0;
  } catch (error) {
    output.err(`no token: ${(error as Error).message}`);
    return 1;
  }
}

function apiBase(url: string, survey: string): string {
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    throw new CommandError(`--url: not a URL: ${url}`);
  }
  return `${base.origin}${base.pathname.replace(/\/+$/, "")}/api/surveys/${encodeURIComponent(survey)}`;
}

async function makeBlindToken(base: string, credential: string): Promise<{ token: string; keySha256: string }> {
  const published = await requestJson(`${base}/blind-key`);
  if (published.variant !== VARIANT || typeof published.public_key !== "string") {
    throw new CommandError(`the server offers ${String(published.variant)}, this client speaks ${VARIANT}`);
  }
  const der = pemToDer(published.public_key);
  const publicKey = await webcrypto.subtle.importKey("spki", der, { name: "RSA-PSS", hash: "SHA-384" }, true, [
    "verify",
  ]);
  const suite = RSABSSA.SHA384.PSS.Randomized();
  const prepared = suite.prepare(webcrypto.getRandomValues(new Uint8Array(32)));
  const { blindedMsg, inv } = await suite.blind(publicKey, prepared);
  const signed = await requestJson(`${base}/blind-sign`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ credential, blinded_message: Buffer.from(blindedMsg).toString("base64url") }),
  });
  if (typeof signed.blind_signature !== "string") throw new CommandError("the server's answer has no blind_signature");
  // finalize checks the unblinded signature against the key, so a bad one never gets printed.
  const signature = await suite.finalize(publicKey, prepared, Buffer.from(signed.blind_signature, "base64url"), inv);
  return {
    token: `${Buffer.from(prepared).toString("base64url")}.${Buffer.from(signature).toString("base64url")}`,
    keySha256: createHash("sha256").update(der).digest("base64").replace(/=+$/, ""),
  };
}

async function requestJson(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetch(url, { ...init, headers: { accept: "application/json", ...init?.headers } }).catch(
    (error: unknown) => {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new CommandError(
        `cannot reach ${new URL(url).origin}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
      );
    },
  );
  const body = (await response.json().catch(() => undefined)) as
    ({ error?: { message?: string } } & Record<string, unknown>) | undefined;
  if (!response.ok)
    throw new CommandError(
      `${response.status} from ${new URL(url).pathname}: ${body?.error?.message ?? response.statusText}`,
    );
  if (!body) throw new CommandError(`${new URL(url).pathname} did not answer JSON`);
  return body;
}

function pemToDer(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[A-Z ]+-----|\s+/g, ""), "base64");
}

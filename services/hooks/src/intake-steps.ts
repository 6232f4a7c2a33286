// The steps every intake route takes, in the order it takes them: secret, body, JSON, store.
import { AppError, type AppEnv } from "@agora/http";
import type { DeliverySource } from "@agora/schemas";
import type { Context } from "hono";
import { dedupeKey, keptHeaders } from "./delivery-headers.ts";
import { DeliveryRefusedError } from "./delivery-store.ts";
import type { HooksDeps, IntakeResult } from "./hooks-deps.ts";

type HooksContext = Context<AppEnv<HooksDeps>>;

export function count(c: HooksContext, source: DeliverySource, result: IntakeResult): void {
  c.var.deps.intakeCounter.inc({ source, result });
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function tooLarge(c: HooksContext, source: DeliverySource): AppError {
  count(c, source, "too_large");
  return new AppError("payload_too_large", `body: larger than the limit of ${c.var.deps.bodyLimit} bytes`);
}

/**
 * The body's bytes exactly as received (signatures are computed over them), refused with 413
 * past the limit. A declared length is checked before reading, and the HTTP parser holds the
 * body to it; only a body of undeclared length is counted while it streams in. (Hono's
 * bodyLimit middleware touches the request's stream even when the length is declared, which on
 * Node turns every read into the slow web-stream path: it tripled the intake's CPU per request.)
 */
export async function readRaw(c: HooksContext, source: DeliverySource): Promise<Uint8Array<ArrayBuffer>> {
  const limit = c.var.deps.bodyLimit;
  const declared = c.req.header("content-length");
  if (declared !== undefined && !c.req.header("transfer-encoding")) {
    if (Number(declared) > limit) throw tooLarge(c, source);
    return new Uint8Array(await c.req.arrayBuffer());
  }
  const body = c.req.raw.body;
  if (!body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) {
      await body.cancel().catch(() => {});
      throw tooLarge(c, source);
    }
    chunks.push(chunk);
  }
  const raw = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    raw.set(chunk, at);
    at += chunk.byteLength;
  }
  return raw;
}

/** The body as text, to be stored as received, once it is known to be a JSON object. */
export function jsonObjectText(c: HooksContext, source: DeliverySource, raw: Uint8Array): string {
  let text: string;
  let parsed: unknown;
  try {
    text = utf8.decode(raw);
    parsed = JSON.parse(text);
  } catch (error) {
    count(c, source, "malformed");
    const reason = error instanceof SyntaxError ? error.message : "not valid UTF-8";
    throw new AppError("bad_request", `body: not valid JSON (${reason})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    count(c, source, "malformed");
    throw new AppError("bad_request", "body: expected a JSON object");
  }
  return text;
}

export function requireHeader(c: HooksContext, source: DeliverySource, name: string): string {
  const value = c.req.header(name);
  if (!value) {
    count(c, source, "malformed");
    throw new AppError("bad_request", `header ${name}: required`);
  }
  return value;
}

export function requireSecret(c: HooksContext, source: DeliverySource, envName: string): string {
  const secret = c.var.deps.secrets[source];
  if (!secret) {
    count(c, source, "unconfigured");
    throw new AppError("unavailable", `${source} intake is off: set ${envName} to the webhook's secret`);
  }
  return secret;
}

/** Stores a verified delivery (once, however often it is sent) and answers 202 with no body. */
export async function acceptDelivery(
  c: HooksContext,
  source: DeliverySource,
  event: string,
  body: string,
): Promise<Response> {
  const headers = c.req.raw.headers;
  let stored: boolean;
  try {
    ({ stored } = await c.var.deps.store.store({
      source,
      dedupeKey: dedupeKey(source, headers),
      event,
      headers: keptHeaders(source, headers),
      body,
    }));
  } catch (error) {
    if (!(error instanceof DeliveryRefusedError)) throw error;
    // The sender's data, not a passing failure: a 4xx, so it is not sent again unchanged.
    count(c, source, "refused");
    c.var.logger.warn({ source, event, sqlState: error.sqlState }, "delivery refused by the database");
    throw new AppError("bad_request", "body: holds a value the database cannot store", { cause: error });
  }
  count(c, source, stored ? "stored" : "duplicate");
  return c.body(null, 202, { "Content-Length": "0" });
}

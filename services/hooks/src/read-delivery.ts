import { AppError, type AppEnv } from "@agora/http";
import type { DeliverySource } from "@agora/schemas";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { HooksDeps, IntakeResult } from "./hooks-deps.ts";

type HooksContext = Context<AppEnv<HooksDeps>>;

export function count(c: HooksContext, source: DeliverySource, result: IntakeResult): void {
  c.var.deps.intakeCounter.inc({ source, result });
}

/** Refuses a body over the configured limit with 413, before it is read whole. */
export function limitBody(source: DeliverySource): MiddlewareHandler<AppEnv<HooksDeps>> {
  return (c, next) =>
    bodyLimit({
      maxSize: c.var.deps.bodyLimit,
      onError: () => {
        count(c, source, "too_large");
        throw new AppError("payload_too_large", `body: larger than the limit of ${c.var.deps.bodyLimit} bytes`);
      },
    })(c, next);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The body's bytes exactly as received: signatures are computed over them. */
export async function readRaw(c: HooksContext): Promise<Uint8Array> {
  return new Uint8Array(await c.req.arrayBuffer());
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

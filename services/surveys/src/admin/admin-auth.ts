import { createHash, timingSafeEqual } from "node:crypto";
import { AppError } from "@agora/http";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "@agora/http";
import type { SurveyDeps } from "../survey-deps.ts";

type SurveyContext = Context<AppEnv<SurveyDeps>>;

/**
 * Whether the request carries an admin's bearer token. The token is hashed and compared with
 * every stored hash in constant time, without stopping at the first match, so neither the time
 * nor the order says how close a guess came.
 */
export function isSurveyAdmin(c: SurveyContext): boolean {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return false;
  const presented = createHash("sha256").update(match[1]!).digest();
  let found = false;
  for (const hex of c.var.deps.surveys.adminTokenSha256s) {
    const stored = Buffer.from(hex, "hex");
    // A malformed stored hash (not 32 bytes) matches nothing rather than making timingSafeEqual throw.
    if (stored.length === presented.length && timingSafeEqual(presented, stored)) found = true;
  }
  return found;
}

/** Lets only admins through; others get 401 with the usual error envelope. */
export function requireSurveyAdmin(): MiddlewareHandler<AppEnv<SurveyDeps>> {
  return async (c, next) => {
    if (!isSurveyAdmin(c)) {
      c.header("WWW-Authenticate", 'Bearer realm="agora surveys"');
      throw new AppError("unauthorized", "an admin bearer token is required (Authorization: Bearer <token>)");
    }
    await next();
  };
}

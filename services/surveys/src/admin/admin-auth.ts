import { createHash, timingSafeEqual } from "node:crypto";
import { AppError } from "@agora/http";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "@agora/http";
import type { SurveyDeps } from "../survey-deps.ts";

type SurveyContext = Context<AppEnv<SurveyDeps>>;

/**
 * Whether the request carries an admin's bearer token (see `matchAdminToken`).
 */
export function isSurveyAdmin(c: SurveyContext): boolean {
  const header = c.req.header("authorization") ?? "";
  const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (token === undefined) return false;
  return matchAdminToken(token, c.var.deps.surveys.adminTokenSha256s) !== undefined;
}

/**
 * The stored hash (hex) that `presented` matches, or undefined. The token is hashed and compared
 * with every stored hash in constant time, without stopping at the first match, so neither the
 * time nor the order says how close a guess came. The bearer check of the JSON API and the
 * sign-in of the admin pages both use it.
 */
export function matchAdminToken(presented: string, storedSha256s: readonly string[]): string | undefined {
  const digest = createHash("sha256").update(presented).digest();
  let found: string | undefined;
  for (const hex of storedSha256s) {
    const stored = Buffer.from(hex, "hex");
    // A malformed stored hash (not 32 bytes) matches nothing rather than making timingSafeEqual throw.
    if (stored.length === digest.length && timingSafeEqual(digest, stored)) found ??= hex.toLowerCase();
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

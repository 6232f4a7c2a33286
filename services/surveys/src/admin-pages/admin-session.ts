import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { deleteAdminSession, deleteExpiredAdminSessions, findAdminSession, insertAdminSession } from "@agora/db";
import type { AppEnv } from "@agora/http";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { SurveyDeps } from "../survey-deps.ts";

export type AdminPageContext = Context<AppEnv<SurveyDeps>>;

/** The cookie of the admin pages; no other path of Agora ever sees it. */
export const SESSION_COOKIE = "agora_admin_session";
export const ADMIN_PATH = "/admin";
/** Two hours from sign-in, then sign in again: long enough to run a survey, short for a stolen cookie. */
export const SESSION_SECONDS = 2 * 60 * 60;
/** The hidden field of every admin form that changes something. */
export const CSRF_FIELD = "csrf";

export interface AdminSession {
  /** The cookie's value: known to this request only, never stored. */
  value: string;
  /** The per-session token that every admin form carries back. */
  csrf: string;
}

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/**
 * The form token of a session, derived from the cookie's value (which only the browser and this
 * request hold), so there is nothing more to store and it changes with every session.
 */
function csrfTokenOf(sessionValue: string): string {
  return createHmac("sha256", sessionValue).update("agora survey admin forms").digest("base64url");
}

/** Whether the cookie may carry `Secure`: the request came over HTTPS, or Agora is published on it. */
function servedOverHttps(c: AdminPageContext): boolean {
  return new URL(c.req.url).protocol === "https:" || c.var.deps.surveys.publicUrl.startsWith("https:");
}

/** Opens a session for the admin whose token hashes to `adminTokenSha256`, and sets its cookie. */
export async function openAdminSession(c: AdminPageContext, adminTokenSha256: string): Promise<void> {
  const { db, surveys } = c.var.deps;
  const now = surveys.now();
  const value = randomBytes(32).toString("base64url");
  await deleteExpiredAdminSessions(db, now);
  await insertAdminSession(db, {
    sessionSha256: sha256(value),
    adminTokenSha256,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_SECONDS * 1000),
  });
  setCookie(c, SESSION_COOKIE, value, {
    path: ADMIN_PATH,
    httpOnly: true,
    sameSite: "Strict",
    secure: servedOverHttps(c),
    maxAge: SESSION_SECONDS,
  });
}

/**
 * The request's session, if its cookie names one that has not expired and whose admin token is
 * still configured (taking a token out of the configuration signs its sessions out).
 */
export async function currentAdminSession(c: AdminPageContext): Promise<AdminSession | undefined> {
  const value = getCookie(c, SESSION_COOKIE);
  if (!value || !/^[A-Za-z0-9_-]{43}$/.test(value)) return undefined;
  const { db, surveys } = c.var.deps;
  const found = await findAdminSession(db, sha256(value), surveys.now());
  if (!found) return undefined;
  if (!surveys.adminTokenSha256s.some((hex) => hex.toLowerCase() === found.adminTokenSha256)) return undefined;
  return { value, csrf: csrfTokenOf(value) };
}

/** Ends the session on the server (the cookie alone would still be valid elsewhere) and in the browser. */
export async function closeAdminSession(c: AdminPageContext, session: AdminSession): Promise<void> {
  await deleteAdminSession(c.var.deps.db, sha256(session.value));
  deleteCookie(c, SESSION_COOKIE, { path: ADMIN_PATH, httpOnly: true, sameSite: "Strict", secure: servedOverHttps(c) });
}

/** Whether a posted form carries this session's token, compared in constant time. */
export function hasCsrfToken(session: AdminSession, sent: string | undefined): boolean {
  if (!sent) return false;
  const [a, b] = [Buffer.from(sent), Buffer.from(session.csrf)];
  return a.length === b.length && timingSafeEqual(a, b);
}

import { randomBytes } from "node:crypto";
import { addInvites, type Sql } from "@agora/db";
import { loadSurvey } from "./load-survey.ts";
import { tokenHash } from "./token-hash.ts";

export interface GeneratedInvite {
  token: string;
  link: string;
}

export type GenerateInvitesResult =
  | { ok: true; mode: "invite" | "blind"; invites: GeneratedInvite[] }
  | { ok: false; reason: "no-survey" }
  | { ok: false; reason: "open-survey"; problem: string };

/**
 * Makes `count` single-use tokens for an invite or blind survey and stores only their sha256, so
 * the tokens exist in plain text only in this answer. 32 random bytes (256 bits) each, in
 * base64url so they fit a link unescaped. For a blind survey a token is the member's credential
 * for one blind signature, not the answer's ticket itself.
 */
export async function generateInvites({
  ctx,
  input,
}: {
  ctx: { db: Sql; publicUrl: string };
  input: { slug: string; count: number };
}): Promise<GenerateInvitesResult> {
  // A definition that no longer parses is no survey here either, as on every other route.
  const survey = await loadSurvey(ctx.db, input.slug);
  if (!survey) return { ok: false, reason: "no-survey" };
  const { mode } = survey.definition.access;
  if (mode === "open") {
    return {
      ok: false,
      reason: "open-survey",
      problem: `survey "${input.slug}" is open to anyone (access.mode open) and takes no invites`,
    };
  }
  const tokens = Array.from({ length: input.count }, () => randomBytes(32).toString("base64url"));
  await addInvites(ctx.db, input.slug, tokens.map(tokenHash));
  const base = `${ctx.publicUrl.replace(/\/+$/, "")}/s/${encodeURIComponent(input.slug)}?token=`;
  return { ok: true, mode, invites: tokens.map((token) => ({ token, link: base + token })) };
}

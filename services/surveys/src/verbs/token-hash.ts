import { createHash } from "node:crypto";

/**
 * How an invite token, a blind credential or a blind token is kept: its sha256 in hex, never the
 * token. Generating invites, spending them and spending blind tokens must all agree on it.
 */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

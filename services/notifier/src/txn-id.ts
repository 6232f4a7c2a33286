import { createHash } from "node:crypto";

/**
 * The Matrix transaction id of a message: a pure function of its dedupe key, so every process,
 * every retry and every restart sends the same id, and the homeserver answers a repeat with the
 * event it already created. Hashed because a txn id is a URL path segment and keys may hold
 * any character.
 */
export function txnIdFor(dedupeKey: string): string {
  return `agora.${createHash("sha256").update(dedupeKey).digest("hex")}`;
}

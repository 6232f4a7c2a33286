import type { NotifySend } from "@agora/schemas";

// The notify schema allows 16,000 characters; a backlog of hundreds of issues would not fit, and
// nobody reads that far in a room. The rest is counted, not listed.
const MAX_DIGEST_CHARS = 12_000;

/**
 * The sweep's digest as one notice for the triage room. Its dedupe key carries the sweep's day
 * (UTC), so a rerun that day (a retried job, a second `agora triage sweep`) never posts it twice.
 */
export function sweepDigestMessage({ room, lines, now }: { room: string; lines: string[]; now: Date }): NotifySend {
  const day = now.toISOString().slice(0, 10);
  const [heading = "", ...entries] = lines;
  const kept: string[] = [];
  let length = heading.length;
  for (const entry of entries) {
    if (length + entry.length + 1 > MAX_DIGEST_CHARS) break;
    kept.push(entry);
    length += entry.length + 1;
  }
  const more = entries.length - kept.length;
  const body = [`Triage sweep, ${day}: ${heading}`, ...kept, ...(more > 0 ? [`…and ${more} more`] : [])].join("\n");
  return { action: "send", dedupeKey: `triage:sweep-digest:${day}`, room, body, msgtype: "notice" };
}

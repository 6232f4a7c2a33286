import { BlockList, isIP } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/** Reverse proxies whose `X-Forwarded-For` is believed, as addresses and CIDR ranges. */
export function trustedProxies(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", bits] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

/**
 * The member's address, for the rate limiter's keyed hash only: never logged, never stored.
 * Undefined without a connection (`app.request()` in tests, another runtime): then nothing is
 * limited.
 *
 * Behind a trusted proxy the address is the nearest one in `X-Forwarded-For` that is not itself a
 * trusted proxy, read from the right: entries to its left were written by the client and could
 * be anything. Without trusted proxies the header is ignored, or anyone could pick a fresh
 * address for every request.
 */
export function clientAddress(c: Context, trusted: BlockList | undefined): string | undefined {
  const env = c.env as { incoming?: unknown; server?: { incoming?: unknown } } | undefined;
  if (!env?.incoming && !env?.server?.incoming) return undefined;
  const peer = getConnInfo(c).remote.address;
  if (!peer || !trusted || !isTrusted(trusted, peer)) return peer;
  const hops = (c.req.header("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => isIP(s));
  for (const hop of hops.toReversed()) {
    if (!isTrusted(trusted, hop)) return hop;
  }
  return hops[0] ?? peer;
}

function isTrusted(list: BlockList, address: string): boolean {
  // Node reports IPv4 peers on a dual-stack socket as ::ffff:a.b.c.d.
  const plain = address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  return list.check(plain, isIP(plain) === 6 ? "ipv6" : "ipv4");
}

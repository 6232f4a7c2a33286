import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/**
 * The address of the connection, when the app runs under @hono/node-server; undefined otherwise
 * (`app.request()` in tests, another runtime), and then nothing is limited. It is only ever fed
 * to the rate limiter's keyed hash: never logged, never stored.
 *
 * Behind a reverse proxy this is the proxy's address, so all members share one budget; trusting
 * X-Forwarded-For would need the proxy's address configured, which Agora does not have yet.
 */
export function connectionAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: unknown; server?: { incoming?: unknown } } | undefined;
  if (!env?.incoming && !env?.server?.incoming) return undefined;
  return getConnInfo(c).remote.address;
}

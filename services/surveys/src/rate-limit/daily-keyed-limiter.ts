import { createHmac, randomBytes } from "node:crypto";

export interface RateLimiterOptions {
  /** Most submits one address may make in a window. */
  limit: number;
  windowMs: number;
  /** Most addresses remembered at once; the least recently seen are dropped first. */
  maxBuckets?: number;
  /** Milliseconds since the epoch; a parameter so tests can move time. */
  now?: () => number;
}

export interface RateLimiter {
  /** Counts one submit from `address`; false when it is over the limit (and is then not counted). */
  hit(address: string): boolean;
  /**
   * When `address` may send again: 0 ms while it is under the limit, else until its oldest counted
   * submit leaves the window, or until the key (and every count) is replaced at the next UTC
   * midnight, whichever comes first. `at` is that moment on the limiter's clock.
   */
  retryAfter(address: string): { ms: number; at: number };
  /** How many addresses are remembered now, to show memory stays bounded. */
  size(): number;
}

/**
 * Counts submits per client address in memory only, under a keyed hash of the address. The key
 * is random and replaced when the UTC day changes, with every bucket: yesterday's key is gone, so
 * nobody (not even with a memory dump of today) can test whether an address answered yesterday.
 * The cost is that counts restart at midnight, which a limit of minutes can afford.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const maxBuckets = options.maxBuckets ?? 50_000;
  const buckets = new Map<string, number[]>();
  let day = "";
  let key = randomBytes(32);
  let hitsSinceSweep = 0;

  function bucketKey(address: string, at: number): string {
    const today = new Date(at).toISOString().slice(0, 10);
    if (today !== day) {
      day = today;
      key = randomBytes(32);
      buckets.clear();
    }
    return createHmac("sha256", key).update(address).digest("base64url");
  }

  /** Drops buckets whose every submit is older than the window. */
  function sweep(at: number): void {
    for (const [k, times] of buckets) {
      const last = times.at(-1);
      if (last !== undefined && last <= at - options.windowMs) buckets.delete(k);
    }
  }

  return {
    hit(address) {
      const at = now();
      const k = bucketKey(address, at);
      if (++hitsSinceSweep >= 1000) {
        hitsSinceSweep = 0;
        sweep(at);
      }
      const times = (buckets.get(k) ?? []).filter((t) => t > at - options.windowMs);
      // Re-inserted so the map's order is least recently seen first, which is what gets dropped.
      buckets.delete(k);
      const allowed = times.length < options.limit;
      if (allowed) times.push(at);
      buckets.set(k, times);
      // The oldest first: a Map keeps its keys in the order they were set.
      for (const oldest of buckets.keys()) {
        if (buckets.size <= maxBuckets) break;
        buckets.delete(oldest);
      }
      return allowed;
    },
    retryAfter(address) {
      const at = now();
      const times = (buckets.get(bucketKey(address, at)) ?? []).filter((t) => t > at - options.windowMs);
      if (times.length < options.limit) return { ms: 0, at };
      // The submit whose leaving the window brings the count under the limit.
      const freedAt = (times[times.length - options.limit] ?? at) + options.windowMs;
      const today = new Date(at);
      const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1);
      const until = Math.min(freedAt, midnight);
      return { ms: until - at, at: until };
    },
    size: () => buckets.size,
  };
}

import { sleep } from "./sleep.ts";

export interface RoomPacing {
  /** Messages a room may get in a burst. */
  burst: number;
  /** Messages per second a room gets once its burst is spent. */
  perSecond: number;
}

export interface RoomPacer {
  /** Resolves when the room may get its next message, and counts it. */
  take(roomId: string, signal?: AbortSignal): Promise<void>;
}

/** The time a pacer reads and waits on: the system's by default, a test's own to check pacing without waiting. */
export interface PacerClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const systemClock: PacerClock = { now: Date.now, sleep };

/**
 * A token bucket per room, in this process: a few messages go out at once, then a steady rate,
 * so one busy room neither floods its readers nor spends the whole account's homeserver limit.
 * Several worker processes each pace on their own; the homeserver's 429 is the backstop.
 *
 * @example
 * const pacer = createRoomPacer({ burst: 5, perSecond: 1 });
 * await pacer.take("!room:example.org"); // at once for the first five, then one a second
 */
export function createRoomPacer(pacing: RoomPacing, clock: PacerClock = systemClock): RoomPacer {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    async take(roomId, signal) {
      for (;;) {
        const t = clock.now();
        const bucket = buckets.get(roomId) ?? { tokens: pacing.burst, at: t };
        bucket.tokens = Math.min(pacing.burst, bucket.tokens + ((t - bucket.at) / 1000) * pacing.perSecond);
        bucket.at = t;
        buckets.set(roomId, bucket);
        if (bucket.tokens >= 1) {
          bucket.tokens -= 1;
          return;
        }
        await clock.sleep(Math.ceil(((1 - bucket.tokens) / pacing.perSecond) * 1000), signal);
      }
    },
  };
}

import type { Database } from "@agora/db";
import type { Logger } from "@agora/http";
import { sendDueMilestones } from "./due-milestones.ts";

export interface SurveyClockOptions {
  db: Database;
  publicUrl: string;
  logger: Logger;
  /** Time between checks; a minute by default, so a window's edge is announced within a minute. */
  intervalMs?: number;
  /** The time; a parameter for tests. */
  now?: () => Date;
}

export interface SurveyClock {
  /** Stops the checks and waits for one under way. */
  stop(): Promise<void>;
}

/**
 * Checks every `intervalMs` (and once at start) for surveys whose `opens_at` or `closes_at` has
 * passed, or that reached another "every N answers", and sends their milestones. Checks never overlap, and a failed one is logged and tried
 * again at the next tick.
 */
export function startSurveyClock(options: SurveyClockOptions): SurveyClock {
  const intervalMs = options.intervalMs ?? 60_000;
  const now = options.now ?? (() => new Date());
  const ctx = { db: options.db, publicUrl: options.publicUrl, sent: new Set<string>() };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    try {
      const keys = await sendDueMilestones({ ctx, input: { now: now() } });
      if (keys.length) options.logger.info({ milestones: keys }, "survey milestones sent");
    } catch (error) {
      options.logger.error({ err: error }, "survey milestone check failed; trying again at the next tick");
    }
  };
  const schedule = () => {
    if (stopped) return;
    running = tick().then(() => {
      if (!stopped) timer = setTimeout(schedule, intervalMs);
    });
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

import type { PgBoss, Queue } from "pg-boss";
import type { JobDefinition } from "./define-job.ts";

/** Creates the queue and its dead-letter queue, or brings an existing one to the definition's settings. */
export async function createQueues(boss: PgBoss, definition: JobDefinition<object>): Promise<void> {
  const s = definition.settings;
  await syncQueue(boss, definition.deadLetterName, { retentionSeconds: s.deadLetterRetentionSeconds });
  await syncQueue(boss, definition.name, {
    deadLetter: definition.deadLetterName,
    retryLimit: s.retryLimit,
    retryDelay: s.retryDelaySeconds,
    retryBackoff: s.retryBackoff,
    // pg-boss refuses a maximum delay without backoff, even an undefined one.
    ...(s.retryBackoff ? { retryDelayMax: s.retryDelayMaxSeconds } : {}),
    expireInSeconds: s.expireInSeconds,
    heartbeatSeconds: s.heartbeatSeconds,
    notify: true,
  });
}

type QueueSettings = Omit<Queue, "name" | "policy" | "partition">;

async function syncQueue(boss: PgBoss, name: string, settings: QueueSettings): Promise<void> {
  // A no-op when the queue exists, so replicas starting together do not conflict.
  await boss.createQueue(name, settings);
  const current = await boss.getQueue(name);
  const stale = Object.entries(settings).some(
    ([key, value]) => (current as Record<string, unknown> | null)?.[key] !== value,
  );
  if (stale) await boss.updateQueue(name, settings);
}

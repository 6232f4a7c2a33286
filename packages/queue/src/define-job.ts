import type { z } from "zod";

/** pg-boss accepts these characters in a queue name; checked here so a bad name fails at import. */
const QUEUE_NAME = /^[\w.\-/]+$/;

export interface JobSettings {
  /** Retries after the first attempt before the job is dead-lettered. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** Doubles the delay on each retry (with jitter), up to `retryDelayMaxSeconds`. */
  retryBackoff: boolean;
  retryDelayMaxSeconds: number;
  /** The longest a handler may run; past it the attempt is failed and its signal aborted. */
  expireInSeconds: number;
  /**
   * How long a running job may go without its worker's heartbeat (sent every half of it) before
   * it counts as abandoned and is retried. This, not `expireInSeconds`, is what brings back a job
   * whose process was killed. pg-boss refuses values under 10.
   */
  heartbeatSeconds: number;
  /** How long a dead letter is kept for someone to look at or redrive. */
  deadLetterRetentionSeconds: number;
}

export interface JobDefinition<T extends object> {
  readonly name: string;
  /** Where jobs go once their retries are spent or their failure is permanent. */
  readonly deadLetterName: string;
  readonly data: z.ZodType<T>;
  readonly settings: Readonly<JobSettings>;
  /** Says whether a thrown error is worth another attempt; `PermanentJobError` never is. */
  readonly isRetryable?: ((error: unknown) => boolean) | undefined;
}

export interface DefineJobOptions<T extends object> extends Partial<JobSettings> {
  name: string;
  data: z.ZodType<T>;
  isRetryable?: (error: unknown) => boolean;
}

/**
 * Defaults for jobs that call other systems (GitLab, Matrix): nine attempts over 8 to 17 minutes
 * (each delay between 1 and 2 times the previous double of 2 s, capped at 10 min), which rides out
 * a restart of the other side, then the dead-letter queue. A killed worker's job runs again within
 * about a minute (see `heartbeatSeconds` and `createJobQueue`'s `superviseIntervalSeconds`).
 */
export const defaultJobSettings: Readonly<JobSettings> = {
  retryLimit: 8,
  retryDelaySeconds: 2,
  retryBackoff: true,
  retryDelayMaxSeconds: 600,
  expireInSeconds: 15 * 60,
  heartbeatSeconds: 30,
  deadLetterRetentionSeconds: 30 * 24 * 3600,
};

/**
 * Declares a kind of job: its name, the zod schema of its payload, and how it is retried.
 * Producer and worker import the same definition, so both sides agree on the payload's type.
 *
 * @example
 * const deliveryJob = defineJob({ name: "delivery", data: DeliveryJob, retryLimit: 10 });
 */
export function defineJob<T extends object>(options: DefineJobOptions<T>): JobDefinition<T> {
  const { name, data, isRetryable, ...overrides } = options;
  if (!QUEUE_NAME.test(name)) {
    throw new Error(`job name "${name}" may only contain letters, digits, "_", "-", "." and "/"`);
  }
  const settings = { ...defaultJobSettings, ...withoutUndefined(overrides) };
  if (settings.heartbeatSeconds < 10) {
    throw new Error(`job "${name}": heartbeatSeconds must be at least 10 (pg-boss's minimum)`);
  }
  return { name, deadLetterName: `${name}.dead`, data, settings, isRetryable };
}

function withoutUndefined<O extends object>(value: O): Partial<O> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<O>;
}

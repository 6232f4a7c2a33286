import { randomUUID } from "node:crypto";
import type { Database, Sql } from "@agora/db";
import { createBoss } from "./create-boss.ts";
import type { JobDefinition } from "./define-job.ts";
import { JobPayloadError } from "./errors.ts";
import { createQueues } from "./create-queues.ts";
import { readDeadLetters, readDepths, type DeadLetter, type QueueDepth } from "./inspect.ts";
import { readEnqueuedAt, readWaitingJobs, type WaitingJob } from "./waiting-jobs.ts";
import { silentLogger, type QueueLogger } from "./logger.ts";
import { runJob, type JobHandler } from "./run-job.ts";

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

export interface JobQueueOptions {
  db: Database;
  /** PostgreSQL schema for pg-boss's tables. */
  schema?: string;
  logger?: QueueLogger;
  /** How often an idle worker looks for due jobs (retries, recovered jobs); new jobs wake it at once. */
  pollingIntervalSeconds?: number;
  /**
   * How often the supervisor looks for running jobs whose heartbeat stopped (a killed worker)
   * and puts them back for a retry. With the default 15 s and a job's default heartbeat of 30 s,
   * a killed worker's job is retried 15 to 45 s after the kill, plus its retry delay and a poll.
   */
  superviseIntervalSeconds?: number;
  /** How often finished jobs past their retention are deleted; pg-boss's default when absent. */
  maintenanceIntervalSeconds?: number;
  /** Connections in pg-boss's own pool on PostgreSQL. */
  poolSize?: number;
  /** Runs pg-boss's scheduler here, which `schedule()` needs to send anything; off by default. */
  schedule?: boolean;
  /** How often due schedules are looked for and their jobs forwarded (pg-boss: 30 s and 5 s); a test knob. */
  cronIntervalSeconds?: number;
}

export interface SendOptions {
  /** Insert the job in this transaction: it exists only if the transaction commits. */
  tx?: Sql;
  /** A UUID of the caller's; a second send with it is ignored while the first job is retained. */
  id?: string;
}

export interface WorkOptions {
  /** Fetch loops for this job in this process. */
  concurrency?: number;
  /** Jobs each loop fetches at once; they run side by side, so up to concurrency × batchSize run. */
  batchSize?: number;
}

export interface StopOptions {
  /** Let running handlers finish (up to `timeoutMs`); those still running then are failed for a retry. */
  graceful?: boolean;
  timeoutMs?: number;
}

/** What a producer needs of the queue: to enqueue inside its own transaction. */
export type JobSender = Pick<JobQueue, "sendMany">;

export interface JobQueue {
  /** Installs or migrates pg-boss's schema (replicas starting together take turns) and starts it. */
  start(): Promise<void>;
  /** Creates each job's queue and dead-letter queue; needed before `send` with `tx`. */
  register(...definitions: JobDefinition<object>[]): Promise<void>;
  /** Validates `data` and enqueues it; resolves with the job id, or null when `id` was already taken. */
  send<T extends object>(definition: JobDefinition<T>, data: T, options?: SendOptions): Promise<string | null>;
  /** Validates every item, then inserts them all in one statement; resolves with their ids in order. */
  sendMany<T extends object>(
    definition: JobDefinition<T>,
    items: readonly T[],
    options?: Pick<SendOptions, "tx">,
  ): Promise<string[]>;
  work<T extends object>(definition: JobDefinition<T>, handler: JobHandler<T>, options?: WorkOptions): Promise<void>;
  /**
   * Sends `data` as a job of `definition` on every occurrence of `cron` (in UTC unless `tz`), once per
   * occurrence whatever the number of processes; calling it again replaces the schedule. The schedule
   * is stored in the database; processes started with `schedule: true` send its jobs.
   */
  schedule<T extends object>(
    definition: JobDefinition<T>,
    cron: string,
    data: T,
    options?: { tz?: string },
  ): Promise<void>;
  /** Removes the schedule of `definition`, if there is one. */
  unschedule(definition: JobDefinition<object>): Promise<void>;
  depths(): Promise<QueueDepth[]>;
  /** The most recent dead letters first, of one job or of all. */
  deadLetters(definition?: JobDefinition<object>, limit?: number): Promise<DeadLetter[]>;
  /** Jobs of `definition` waiting for their first attempt or a retry, oldest first. */
  waiting(definition: JobDefinition<object>, limit?: number): Promise<WaitingJob[]>;
  /** When each job was enqueued (jobs sent in one transaction share a time). */
  enqueuedAt(jobIds: readonly string[]): Promise<Map<string, Date>>;
  /** Resolves when the queue is running and its connection answers; for `/readyz`. */
  ping(): Promise<void>;
  /** Stops fetching, lets running handlers finish (SIGTERM), then stops pg-boss. */
  stop(options?: StopOptions): Promise<void>;
}

/** The durable job queue over pg-boss, on the database `db` already talks to. */
export function createJobQueue(options: JobQueueOptions): JobQueue {
  const schema = options.schema ?? "pgboss";
  if (!SCHEMA_NAME.test(schema)) throw new Error(`queue schema "${schema}" must be a plain lower-case identifier`);
  const logger = options.logger ?? silentLogger();
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  const boss = createBoss({
    db: options.db,
    schema,
    superviseIntervalSeconds: options.superviseIntervalSeconds ?? 15,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds,
    poolSize: options.poolSize ?? 10,
    schedule: options.schedule ?? false,
    cronIntervalSeconds: options.cronIntervalSeconds,
    logger,
  });
  let state: "new" | "starting" | "running" | "stopped" = "new";
  let starting: Promise<void> | undefined;
  const registrations = new Map<string, Promise<void>>();
  const registered = new Set<string>();

  function assertRunning(): void {
    if (state !== "running") throw new Error(`job queue is ${state === "stopped" ? "stopped" : "not started"}`);
  }

  async function ensureQueues(definition: JobDefinition<object>): Promise<void> {
    let pending = registrations.get(definition.name);
    if (!pending) {
      pending = createQueues(boss, definition).then(() => void registered.add(definition.name));
      registrations.set(definition.name, pending);
      pending.catch(() => registrations.delete(definition.name));
    }
    await pending;
  }

  function validate<T extends object>(definition: JobDefinition<T>, data: T): T {
    const parsed = definition.data.safeParse(data);
    if (!parsed.success) throw new JobPayloadError(definition.name, parsed.error);
    return parsed.data;
  }

  // On PGlite a transaction holds the only connection, so registering from inside one would wait
  // for itself; on PostgreSQL it would work, but the rule is kept the same on both.
  async function queueFor(definition: JobDefinition<object>, tx: Sql | undefined): Promise<void> {
    if (!tx) return ensureQueues(definition);
    if (!registered.has(definition.name)) {
      throw new Error(
        `job "${definition.name}" is not registered: call register() at start-up before sending it inside a transaction`,
      );
    }
  }

  return {
    async start() {
      if (state === "stopped") throw new Error("a stopped job queue cannot be started again; create another");
      if (state === "new") {
        state = "starting";
        starting = boss.start().then(
          () => {
            state = "running";
            logger.info({ schema, database: options.db.dialect }, "job queue started");
          },
          (error: unknown) => {
            state = "new";
            throw error;
          },
        );
      }
      await starting;
    },

    async register(...definitions) {
      assertRunning();
      for (const definition of definitions) await ensureQueues(definition);
    },

    async send(definition, data, sendOptions = {}) {
      const payload = validate(definition, data);
      assertRunning();
      await queueFor(definition, sendOptions.tx);
      return boss.send(definition.name, payload, { db: sendOptions.tx, id: sendOptions.id });
    },

    async sendMany(definition, items, sendOptions = {}) {
      const payloads = items.map((item) => validate(definition, item));
      assertRunning();
      if (!payloads.length) return [];
      await queueFor(definition, sendOptions.tx);
      // Ids are chosen here so that they come back in the order of `items`.
      const jobs = payloads.map((data) => ({ id: randomUUID(), data }));
      await boss.insert(definition.name, jobs, { db: sendOptions.tx });
      return jobs.map((job) => job.id);
    },

    async work(definition, handler, workOptions = {}) {
      assertRunning();
      await ensureQueues(definition);
      await boss.work<unknown>(
        definition.name,
        {
          localConcurrency: workOptions.concurrency ?? 1,
          batchSize: workOptions.batchSize ?? 1,
          pollingIntervalSeconds,
          // NOTIFY only announces new jobs; retries and recovered jobs become due silently, so the
          // poll stays as frequent with NOTIFY as without.
          notifyPollingIntervalSeconds: pollingIntervalSeconds,
          perJobResults: true,
          // Without it a worker waits a full polling interval after every fetch, even one that came
          // back full, so a backlog drained at batchSize per interval (10 messages/s for the
          // notifier). pg-boss ignores it for batchSize 1: pass a larger batch where that matters.
          burstWhenBatchFull: true,
        },
        (jobs) => Promise.all(jobs.map((job) => runJob(definition, handler, job, logger))),
      );
    },

    async schedule(definition, cron, data, scheduleOptions = {}) {
      const payload = validate(definition, data);
      assertRunning();
      await ensureQueues(definition);
      await boss.schedule(definition.name, cron, payload, { tz: scheduleOptions.tz ?? "UTC" });
    },

    async unschedule(definition) {
      assertRunning();
      await boss.unschedule(definition.name);
    },

    async depths() {
      assertRunning();
      return readDepths(boss, options.db, schema);
    },

    async deadLetters(definition, limit = 50) {
      assertRunning();
      return readDeadLetters(boss, options.db, schema, definition?.deadLetterName, limit);
    },

    async waiting(definition, limit = 20) {
      assertRunning();
      return readWaitingJobs(options.db, schema, definition.name, limit);
    },

    async enqueuedAt(jobIds) {
      assertRunning();
      return readEnqueuedAt(options.db, schema, jobIds);
    },

    async ping() {
      assertRunning();
      await boss.getDb().executeSql("select 1");
    },

    async stop(stopOptions = {}) {
      if (state === "starting") await starting?.catch(() => {});
      if (state !== "running") {
        state = "stopped";
        return;
      }
      state = "stopped";
      await boss.stop({ graceful: stopOptions.graceful ?? true, timeout: stopOptions.timeoutMs ?? 30_000 });
      logger.info({ schema }, "job queue stopped");
    },
  };
}

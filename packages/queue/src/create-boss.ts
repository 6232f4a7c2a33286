import type { Database } from "@agora/db";
import { fromPglite, PgBoss, type ConstructorOptions } from "pg-boss";
import type { QueueLogger } from "./logger.ts";

export interface BossOptions {
  db: Database;
  schema: string;
  superviseIntervalSeconds: number;
  /** pg-boss's default (a day) when absent. */
  maintenanceIntervalSeconds: number | undefined;
  /** Connections of pg-boss's own pool on PostgreSQL. */
  poolSize: number;
  /** Runs pg-boss's scheduler in this process (for `JobQueue.schedule`). */
  schedule: boolean;
  /** How often the scheduler looks for due schedules and forwards their jobs; pg-boss's default when absent. */
  cronIntervalSeconds: number | undefined;
  logger: QueueLogger;
}

/**
 * pg-boss on the same database the rest of Agora uses. On PostgreSQL it gets the URL and opens a
 * pool of its own (and one LISTEN connection); on PGlite it shares the one embedded connection
 * through pg-boss's adapter, which also gives in-process LISTEN/NOTIFY.
 */
export function createBoss(options: BossOptions): PgBoss {
  const { db } = options;
  const common: ConstructorOptions = {
    schema: options.schema,
    // The supervisor's pass is what fails jobs whose heartbeat stopped; a pass needs both timers,
    // so they move together.
    superviseIntervalSeconds: options.superviseIntervalSeconds,
    monitorIntervalSeconds: options.superviseIntervalSeconds,
    // pg-boss rejects the key when it is present but undefined.
    ...(options.maintenanceIntervalSeconds ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds } : {}),
    useListenNotify: true,
    // Off unless asked for (the workers, for the triage sweeps): it adds a clock poll. Where several
    // processes run it, pg-boss claims each pass and files each occurrence under one singleton key,
    // so one job is sent per occurrence however many replicas there are.
    schedule: options.schedule,
    ...(options.cronIntervalSeconds
      ? {
          cronMonitorIntervalSeconds: options.cronIntervalSeconds,
          cronWorkerIntervalSeconds: options.cronIntervalSeconds,
        }
      : {}),
  };
  const boss =
    db.connection.kind === "pglite"
      ? new PgBoss({ ...common, db: fromPglite(db.connection.pglite), backend: "pglite" })
      : new PgBoss({ ...common, connectionString: db.connection.url, max: options.poolSize });
  // An EventEmitter without an `error` listener throws from emit(), which would crash the process
  // on a transient database error in a background pass.
  boss.on("error", (error) => options.logger.error({ err: error }, "job queue error"));
  boss.on("warning", (warning) => options.logger.warn({ ...warning.data }, warning.message));
  return boss;
}

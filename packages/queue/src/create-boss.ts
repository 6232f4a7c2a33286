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
    // Agora has no cron jobs; the scheduler would only add a clock poll.
    schedule: false,
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

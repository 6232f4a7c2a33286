import type { Sql } from "@agora/db";
import type { MatrixTransport } from "@agora/matrix";
import type { RoomPacer } from "./room-pacer.ts";

export interface NotifierLogger {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
}

export interface NotifierLimits {
  /** Rate limits up to this long are waited out in the handler, keeping the room's order. */
  longestWaitMs: number;
  /** Most time one call may spend waiting out rate limits before the job is handed back for a retry. */
  totalWaitMs: number;
  /** Quick retries of a network error or 5xx before the job goes back to the queue's backoff. */
  transientRetries: number;
  transientDelayMs: number;
  /**
   * Attempts that may find the thread root, edited or redacted message not sent yet (it may be
   * in flight) before the job is dead-lettered.
   */
  missingTargetAttempts: number;
}

export const defaultNotifierLimits: Readonly<NotifierLimits> = {
  longestWaitMs: 30_000,
  totalWaitMs: 5 * 60_000,
  transientRetries: 2,
  transientDelayMs: 500,
  missingTargetAttempts: 4,
};

/** What the notifier's verbs need; built once per worker, never at module scope. */
export interface NotifierContext {
  db: Sql;
  transport: MatrixTransport;
  pacer: RoomPacer;
  logger: NotifierLogger;
  limits: NotifierLimits;
  /** Resolves after `ms`, or rejects when `signal` aborts (the job timed out or the worker stops). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The attempt being made, as the queue reports it. */
export interface NotifyRun {
  attempt: number;
  signal?: AbortSignal | undefined;
}

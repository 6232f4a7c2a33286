/** The part of a pino logger the queue uses, so a pino instance can be passed as it is. */
export interface QueueLogger {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

export function silentLogger(): QueueLogger {
  const ignore = () => {};
  return { info: ignore, warn: ignore, error: ignore };
}

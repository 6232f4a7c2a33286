/** The part of a pino logger the bot uses, so the process's logger can be passed as it is. */
export interface BotLogger {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

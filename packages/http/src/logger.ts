import pino, { type Logger } from "pino";
import pretty from "pino-pretty";

export type { Logger } from "pino";

export interface LoggerOptions {
  level?: string;
  format?: "json" | "pretty";
  /** Written to instead of stdout (tests). */
  destination?: NodeJS.WritableStream;
}

// Whatever a caller logs by mistake, these never reach the output.
const redactedPaths = [
  "req.headers.authorization",
  'req.headers["x-gitlab-token"]',
  'req.headers["x-discourse-event-signature"]',
  "headers.authorization",
  'headers["x-gitlab-token"]',
  'headers["x-discourse-event-signature"]',
  "*.password",
  "*.token",
  "*.secret",
  "*.accessToken",
];

/** JSON lines for machines; a readable line per event in a terminal. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const base = { level: options.level ?? "info", redact: { paths: redactedPaths, censor: "[redacted]" } };
  if (options.format === "pretty") {
    return pino(base, pretty({ colorize: true, destination: options.destination ?? 1, sync: true }));
  }
  return options.destination ? pino(base, options.destination) : pino(base);
}

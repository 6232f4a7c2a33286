export { createServiceApp, type ServiceAppOptions } from "./app.ts";
export type { AppEnv } from "./app-env.ts";
export { AppError, ErrorCode, errorCodes, describeZodError } from "./errors.ts";
export type { ReadinessCheck } from "./health.ts";
export { jsonBodyOnly } from "./json-body.ts";
export { createLogger, type Logger, type LoggerOptions } from "./logger.ts";
export { createMetrics, type HttpMetrics } from "./metrics.ts";
export { page, type Html, type PageOptions } from "./page.ts";
export { newRoutes, validationHook } from "./routes.ts";

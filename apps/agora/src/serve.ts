import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { createLogger, createMetrics } from "@agora/http";
import { limitConnections, serverOptions } from "./server-limits.ts";
import { loadSettings } from "./settings.ts";
import { buildSystem, type Roles } from "./system.ts";

/**
 * Runs one role until SIGTERM or SIGINT: then it stops taking requests, lets running requests
 * and jobs finish, closes the database and exits 0.
 */
export async function runRole(service: string, roles: Roles): Promise<void> {
  const settings = loadSettings(process.env, Boolean(process.stdout.isTTY));
  if (!settings.ok) {
    console.error(settings.problems.join("\n"));
    process.exit(1);
  }
  const { env, community, surveyFiles } = settings;
  const logger = createLogger({ level: env.LOG_LEVEL, format: env.AGORA_LOG_FORMAT });
  const system = await buildSystem({ env, community, surveyFiles, roles, service, logger, metrics: createMetrics() });
  const server = serve({ fetch: system.app.fetch, port: env.PORT, serverOptions: serverOptions(env) }, (info) => {
    logger.info(
      { port: info.port, service, database: system.db.dialect },
      `agora (${service}) listening on http://localhost:${info.port}`,
    );
  });
  limitConnections(server as Server, env);
  // A port another process holds is a setting to fix, not a crash: one line naming it, exit 1.
  server.on("error", (error: NodeJS.ErrnoException) => {
    const problem =
      error.code === "EADDRINUSE"
        ? `port ${env.PORT} is in use by another process (set PORT)`
        : `cannot listen on port ${env.PORT}: ${error.message}`;
    logger.error({ port: env.PORT, code: error.code }, problem);
    void system.stop().finally(() => process.exit(1));
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping: no new requests; finishing running work");
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ("closeIdleConnections" in server) server.closeIdleConnections();
    });
    await system.stop();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

import { Health, Readiness } from "@agora/schemas";
import { createRoute } from "@hono/zod-openapi";
import type { HttpMetrics } from "./metrics.ts";
import { newRoutes } from "./routes.ts";

/** Resolves when the part it checks is reachable; rejects with a reason when not. */
export type ReadinessCheck = () => Promise<void>;

const CHECK_TIMEOUT_MS = 2000;

async function runCheck(check: ReadinessCheck): Promise<{ ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes<Deps>(options: { readiness: Record<string, ReadinessCheck>; metrics: HttpMetrics }) {
  const routes = newRoutes<Deps>();
  routes.openapi(
    createRoute({
      method: "get",
      path: "/healthz",
      summary: "The process is up",
      tags: ["operations"],
      responses: { 200: { description: "Up", content: { "application/json": { schema: Health } } } },
    }),
    (c) => c.json({ status: "ok" as const }, 200),
  );
  routes.openapi(
    createRoute({
      method: "get",
      path: "/readyz",
      summary: "The database and the queue are reachable",
      tags: ["operations"],
      responses: {
        200: { description: "Ready", content: { "application/json": { schema: Readiness } } },
        503: { description: "Not ready", content: { "application/json": { schema: Readiness } } },
      },
    }),
    async (c) => {
      const results = await Promise.all(
        Object.entries(options.readiness).map(async ([name, check]) => [name, await runCheck(check)] as const),
      );
      const checks = Object.fromEntries(results);
      const ok = results.every(([, r]) => r.ok);
      return c.json({ status: ok ? ("ok" as const) : ("unavailable" as const), checks }, ok ? 200 : 503);
    },
  );
  routes.get("/metrics", async (c) => {
    c.header("Content-Type", options.metrics.registry.contentType);
    return c.body(await options.metrics.registry.metrics());
  });
  return routes;
}

import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { Logger } from "pino";
import type { AppEnv } from "./app-env.ts";
import { docsRoutes } from "./docs-page.ts";
import { faviconRoutes } from "./favicon.ts";
import { allowedMethodsOf } from "./allowed-methods.ts";
import { AppError, codeForStatus } from "./errors.ts";
import { healthRoutes, type ReadinessCheck } from "./health.ts";
import type { HttpMetrics } from "./metrics.ts";
import { validationHook } from "./routes.ts";
import { stylesheetRoute } from "./stylesheet.ts";

export interface ServiceAppOptions<Deps> {
  /** Used in logs, metrics and the API document. */
  service: string;
  deps: Deps;
  logger: Logger;
  metrics: HttpMetrics;
  readiness: Record<string, ReadinessCheck>;
  version?: string;
}

function errorResponse<Deps>(c: Context<AppEnv<Deps>>, error: unknown, logger: Logger): Response {
  // An error thrown before the request-id middleware ran leaves it unset, whatever the env type says.
  const id = (c.get("requestId") as string | undefined) ?? "";
  let appError: AppError;
  if (error instanceof AppError) {
    appError = error;
  } else if (error instanceof HTTPException && error.status < 500) {
    appError = new AppError(codeForStatus(error.status), error.message || "request refused");
  } else if (c.req.raw.signal.aborted) {
    // The client closed the connection mid-request (reading its body failed): nobody is left
    // to answer and nothing is wrong here, so it is not an error.
    logger.info({ requestId: id }, "client disconnected before the request was complete");
    appError = new AppError("bad_request", "the request was not complete: the client disconnected");
  } else {
    // The cause goes to the log with the request id; the client learns only that id.
    logger.error({ err: error, requestId: id }, "unhandled error");
    appError = new AppError("internal", "internal error; quote the request id when reporting it");
  }
  return c.json({ error: { code: appError.code, message: appError.message, requestId: id } }, appError.status);
}

/**
 * The shared frame of every Agora service: request id, access log without client addresses,
 * security headers, metrics, the error envelope, health and readiness, the API document and its
 * page. A service mounts its own route groups on what this returns.
 */
export function createServiceApp<Deps>(options: ServiceAppOptions<Deps>): OpenAPIHono<AppEnv<Deps>> {
  const { service, deps, logger, metrics } = options;
  const app = new OpenAPIHono<AppEnv<Deps>>({ defaultHook: validationHook });

  app.use(requestId({ headerName: "X-Request-Id" }));
  app.use(async (c, next) => {
    c.set("deps", deps);
    c.set("logger", logger.child({ requestId: c.get("requestId") }));
    const started = performance.now();
    await next();
    const route = c.req.routePath || "unmatched";
    const seconds = (performance.now() - started) / 1000;
    metrics.requests.inc({ service, method: c.req.method, route, status: String(c.res.status) });
    metrics.duration.observe({ service, method: c.req.method, route }, seconds);
    // Deliberately no address, user agent or query string: surveys promise not to keep them.
    c.get("logger").debug(
      { method: c.req.method, route, status: c.res.status, ms: Math.round(seconds * 1000) },
      "request",
    );
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: "no-referrer",
    }),
  );

  app.onError((error, c) => errorResponse(c, error, logger));
  const allowedAt = allowedMethodsOf(() => app.routes);
  app.notFound((c) => {
    const allowed = allowedAt(c.req.path);
    if (allowed.length === 0)
      return errorResponse(c, new AppError("not_found", `no route for ${c.req.method} ${c.req.path}`), logger);
    c.header("Allow", allowed.join(", "));
    if (c.req.method === "OPTIONS") return c.body(null, 204);
    return errorResponse(
      c,
      new AppError("method_not_allowed", `method ${c.req.method}: ${c.req.path} answers ${allowed.join(", ")}`),
      logger,
    );
  });

  app.route("/", healthRoutes<Deps>({ readiness: options.readiness, metrics }));
  app.route("/", stylesheetRoute<Deps>());
  app.route("/", faviconRoutes<Deps>());
  const documentConfig = {
    openapi: "3.1.0",
    // The one-process system is just "Agora"; a service run alone says which ("Agora surveys").
    info: { title: service === "agora" ? "Agora" : `Agora ${service}`, version: options.version ?? "0.1.0" },
  };
  app.doc31("/openapi.json", documentConfig);
  app.route(
    "/",
    docsRoutes<Deps>(() => app.getOpenAPI31Document(documentConfig)),
  );
  return app;
}

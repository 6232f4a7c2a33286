import { parseBindings, type DatabaseBindings } from "@agora/config";
import { requestScopedDatabase } from "@agora/db";
import { createEdgeLogger, createEdgeMetrics, createServiceApp, misconfigured } from "@agora/http";
import { trustedProxies } from "./rate-limit/index.ts";
import { memberRoutes } from "./routes.ts";
import type { SurveyDeps } from "./survey-deps.ts";

/** The bindings the member pages read, by the names the Node process reads from its environment. */
export interface SurveysBindings extends DatabaseBindings {
  AGORA_PUBLIC_URL?: string;
  AGORA_TRUSTED_PROXIES?: string;
  LOG_LEVEL?: string;
}

type Handler = (request: Request, env: SurveysBindings) => Promise<Response>;

export interface SurveysEdgeOptions {
  /**
   * The member's address, for the rate limit only (never stored or logged). Default: Cloudflare's
   * `CF-Connecting-IP`, since an isolate has no socket to read it from.
   */
  clientAddress?: (request: Request) => string | undefined;
}

/**
 * The survey member pages as an edge module worker's `fetch`: the routes of `agora serve surveys`
 * that members reach (form, thanks, public results, blind signing), built once per isolate from
 * its bindings. Each request talks to PostgreSQL on a connection of its own, through the pooler.
 * Survey definitions are the database's (published by `agora migrate` or a Node process from
 * `AGORA_SURVEYS_DIR`): an isolate has no folder to read. The admin side stays on Node: it enqueues
 * milestones with a running pg-boss, which the queue here never is (it would say so).
 */
export function surveysEdgeHandler(options: SurveysEdgeOptions = {}): { fetch: Handler } {
  let built: { fetch: Handler } | undefined;

  function build(bindings: SurveysBindings): { fetch: Handler } {
    const parsed = parseBindings(bindings);
    if (!parsed.ok) return { fetch: misconfigured("the survey pages", parsed.problems) };
    const { env, databaseUrl } = parsed;
    const logger = createEdgeLogger(env.LOG_LEVEL);
    const scoped = requestScopedDatabase(databaseUrl);
    const deps: SurveyDeps = {
      db: scoped.db,
      surveys: {
        adminTokenSha256s: [],
        publicUrl: env.AGORA_PUBLIC_URL,
        logger: logger.child({ part: "surveys" }),
        trustedProxies: trustedProxies(env.AGORA_TRUSTED_PROXIES),
        now: () => new Date(),
      },
    };
    const app = createServiceApp({
      service: "surveys",
      deps,
      logger,
      metrics: createEdgeMetrics(),
      readiness: { database: () => scoped.db.ping() },
    });
    // The member's address as the edge saw it, for the rate limit only (never stored); an isolate
    // has no socket to read it from. Without the header (locally), submits are not rate limited.
    const clientAddress =
      options.clientAddress ?? ((request: Request) => request.headers.get("cf-connecting-ip") ?? undefined);
    app.route("/", memberRoutes({ clientAddress: (c) => clientAddress(c.req.raw) }));
    return { fetch: (request) => scoped.run(async () => app.fetch(request, bindings)) };
  }

  return {
    fetch(request, env) {
      built ??= build(env);
      return built.fetch(request, env);
    },
  };
}

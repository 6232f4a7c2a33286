import { createHash } from "node:crypto";
import { parseBindings, type DatabaseBindings } from "@agora/config";
import { requestScopedDatabase } from "@agora/db";
import { createEdgeLogger, createEdgeMetrics, createServiceApp, misconfigured } from "@agora/http";
import { trustedProxies } from "./rate-limit/index.ts";
import { surveyRoutes } from "./routes.ts";
import type { SurveyDeps } from "./survey-deps.ts";

/** The bindings the surveys read, by the names the Node process reads from its environment. */
export interface SurveysBindings extends DatabaseBindings {
  AGORA_ADMIN_TOKEN?: string;
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
 * The surveys as an edge module worker's `fetch`: every route of `agora serve surveys` (member
 * pages, public results, blind signing, the admin API and pages), built once per isolate from its
 * bindings. Each request talks to PostgreSQL on a connection of its own, through the pooler.
 * Survey definitions are the database's (published by `agora migrate` or a Node process from
 * `AGORA_SURVEYS_DIR`, or written by an admin): an isolate has no folder to read. Admins sign in
 * with `AGORA_ADMIN_TOKEN` (the community file's token hashes are a Node process's). Milestones are
 * written with the change that makes them; the survey clock (windows, "every N answers") runs on
 * Node.
 */
export function surveysEdgeHandler(options: SurveysEdgeOptions = {}): { fetch: Handler } {
  let built: { fetch: Handler } | undefined;

  function build(bindings: SurveysBindings): { fetch: Handler } {
    const parsed = parseBindings(bindings);
    if (!parsed.ok) return { fetch: misconfigured("the surveys", parsed.problems) };
    const { env, databaseUrl } = parsed;
    const logger = createEdgeLogger(env.LOG_LEVEL);
    const scoped = requestScopedDatabase(databaseUrl);
    const deps: SurveyDeps = {
      db: scoped.db,
      surveys: {
        adminTokenSha256s: env.AGORA_ADMIN_TOKEN
          ? [createHash("sha256").update(env.AGORA_ADMIN_TOKEN).digest("hex")]
          : [],
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
    app.route("/", surveyRoutes({ clientAddress }));
    return { fetch: (request) => scoped.run(async () => app.fetch(request, bindings)) };
  }

  return {
    fetch(request, env) {
      built ??= build(env);
      return built.fetch(request, env);
    },
  };
}

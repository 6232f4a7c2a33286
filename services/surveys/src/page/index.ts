import { newRoutes } from "@agora/http";
import { clientAddress, createRateLimiter, type RateLimiterOptions } from "../rate-limit/index.ts";
import type { SurveyDeps } from "../survey-deps.ts";
import { showSurveyRoutes } from "./show-survey-route.ts";
import type { SurveyPageContext } from "./status-pages.ts";
import { submitSurveyRoutes } from "./submit-survey-route.ts";
import { surveyFormScriptRoute } from "./survey-form-script.ts";

export interface SurveyPageOptions {
  /** Submits per address to an open survey; 20 per 10 minutes unless given (and the limiter's clock, for tests). */
  rateLimit?: RateLimiterOptions;
  /** Where the client's address comes from; by default the connection under @hono/node-server, or X-Forwarded-For of a trusted proxy. */
  clientAddress?: (c: SurveyPageContext) => string | undefined;
}

/** Routes of the member's page: GET/POST /s/:slug, the thanks page and the form's script. */
export function surveyPageRoutes(options: SurveyPageOptions = {}) {
  // One limiter per app, in memory only: each replica limits on its own, which is enough to
  // stop one browser or script from flooding an open survey.
  const limiter = createRateLimiter(options.rateLimit ?? { limit: 20, windowMs: 10 * 60_000 });
  const routes = newRoutes<SurveyDeps>();
  routes.route("/", surveyFormScriptRoute<SurveyDeps>());
  routes.route("/", showSurveyRoutes());
  routes.route(
    "/",
    submitSurveyRoutes({
      limiter,
      clientAddress: options.clientAddress ?? ((c) => clientAddress(c, c.var.deps.surveys.trustedProxies)),
    }),
  );
  return routes;
}

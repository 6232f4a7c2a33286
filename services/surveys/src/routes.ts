import { newRoutes } from "@agora/http";
import { adminRoutes } from "./admin/index.ts";
import { adminPageRoutes } from "./admin-pages/index.ts";
import { blindRoutes } from "./blind/index.ts";
import { surveyPageRoutes } from "./page/index.ts";
import { resultsRoutes } from "./results/index.ts";
import type { SurveyDeps } from "./survey-deps.ts";

export interface SurveyRoutesOptions {
  /**
   * The requester's address, for the rate limits only (never stored or logged). Default: the
   * socket's, or X-Forwarded-For from a trusted proxy; an edge isolate has no socket and says.
   */
  clientAddress?: (request: Request) => string | undefined;
}

/** Every survey route, to mount with `app.route("/", surveyRoutes())`. */
export function surveyRoutes(options: SurveyRoutesOptions = {}) {
  const { clientAddress } = options;
  // The member pages and the admin sign-in each rate-limit by it; both read it off the request.
  const address = clientAddress ? { clientAddress: (c: { req: { raw: Request } }) => clientAddress(c.req.raw) } : {};
  const routes = newRoutes<SurveyDeps>();
  routes.route("/", surveyPageRoutes(address));
  routes.route("/", blindRoutes());
  routes.route("/", resultsRoutes());
  routes.route("/", adminRoutes());
  routes.route("/", adminPageRoutes(address));
  return routes;
}

import { AppError, newRoutes } from "@agora/http";
import { createRoute } from "@hono/zod-openapi";
import { requireSurveyAdmin } from "./admin-auth.ts";
import type { SurveyDeps } from "../survey-deps.ts";
import { setSurveyOpenState } from "../verbs/set-survey-state.ts";
import { adminSecurity, errorResponses, SlugParams, StateChange } from "./admin-schemas.ts";

function stateRoute(action: "open" | "close") {
  return createRoute({
    method: "post",
    path: `/api/surveys/{slug}/${action}`,
    summary:
      action === "open"
        ? "Open a survey for answers (within its opens_at/closes_at window) and announce it; idempotent"
        : "Close a survey and announce it with the link to its results; idempotent",
    tags: ["surveys"],
    security: adminSecurity,
    middleware: [requireSurveyAdmin()] as const,
    request: { params: SlugParams },
    responses: {
      200: {
        description: "The survey's state, and whether this request changed it",
        content: { "application/json": { schema: StateChange } },
      },
      400: errorResponses.badSlug,
      401: errorResponses[401],
      404: errorResponses[404],
    },
  });
}

export function surveyStateRoutes() {
  const routes = newRoutes<SurveyDeps>();
  for (const [action, state] of [
    ["open", "open"],
    ["close", "closed"],
  ] as const) {
    routes.openapi(stateRoute(action), async (c) => {
      const { db, surveys } = c.var.deps;
      const { slug } = c.req.valid("param");
      const ctx = { db, publicUrl: surveys.publicUrl, now: surveys.now };
      const result = await setSurveyOpenState({ ctx, input: { slug, state } });
      if (!result.ok) throw new AppError("not_found", `no survey "${slug}"`);
      if (result.changed) c.var.logger.info({ slug, state }, "survey state changed through the admin API");
      return c.json({ slug, state: result.state, changed: result.changed }, 200);
    });
  }
  return routes;
}

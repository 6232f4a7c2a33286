import { AppError, newRoutes } from "@agora/http";
import { createRoute } from "@hono/zod-openapi";
import { requireSurveyAdmin } from "./admin-auth.ts";
import type { SurveyDeps } from "../survey-deps.ts";
import { exportAnswers } from "../verbs/export-answers.ts";
import { adminSecurity, errorResponses, ExportQuery, SlugParams } from "./admin-schemas.ts";

const exportRoute = createRoute({
  method: "get",
  path: "/api/surveys/{slug}/export",
  summary: "Every stored answer (random id, day, closed answers, free texts) as CSV or JSON",
  tags: ["surveys"],
  security: adminSecurity,
  middleware: [requireSurveyAdmin()] as const,
  request: { params: SlugParams, query: ExportQuery },
  responses: {
    200: {
      description: "A download: one CSV column per question, likert row and other text, or the stored answers as JSON",
      content: { "text/csv": { schema: { type: "string" as const } }, "application/json": { schema: { type: "object" as const } } },
    },
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

export function exportRoutes() {
  const routes = newRoutes<SurveyDeps>();
  routes.openapi(exportRoute, async (c) => {
    const { slug } = c.req.valid("param");
    const { format } = c.req.valid("query");
    const result = await exportAnswers({ ctx: { db: c.var.deps.db }, input: { slug, format } });
    if (!result.ok) throw new AppError("not_found", `no survey "${slug}"`);
    c.header("Content-Disposition", `attachment; filename="${result.filename}"`);
    // Answers are personal data even without names: no cache may keep a copy.
    c.header("Cache-Control", "no-store");
    if (result.format === "csv") return c.body(result.body, 200, { "Content-Type": "text/csv; charset=utf-8" });
    return c.json(result.body, 200);
  });
  return routes;
}

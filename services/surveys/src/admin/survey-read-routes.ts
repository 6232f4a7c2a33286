import { getSurvey, listSurveys } from "@agora/db";
import { AppError, newRoutes } from "@agora/http";
import { createRoute, z } from "@hono/zod-openapi";
import { requireSurveyAdmin } from "./admin-auth.ts";
import type { SurveyDeps } from "../survey-deps.ts";
import { adminSecurity, errorResponses, SlugParams, SurveyDetail, SurveyListItem } from "./admin-schemas.ts";
import { surveyDetail, surveyListItem } from "./survey-view.ts";

const list = createRoute({
  method: "get",
  path: "/api/surveys",
  summary: "Every survey with its state, answer count, access mode and source",
  tags: ["surveys"],
  security: adminSecurity,
  middleware: [requireSurveyAdmin()] as const,
  responses: {
    200: {
      description: "The surveys, oldest first",
      content: { "application/json": { schema: z.object({ surveys: z.array(SurveyListItem) }) } },
    },
    401: errorResponses[401],
  },
});

const detail = createRoute({
  method: "get",
  path: "/api/surveys/{slug}",
  summary: "One survey: its definition, state and counts",
  tags: ["surveys"],
  security: adminSecurity,
  middleware: [requireSurveyAdmin()] as const,
  request: { params: SlugParams },
  responses: {
    200: { description: "The survey", content: { "application/json": { schema: SurveyDetail } } },
    400: errorResponses.badSlug,
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

export function surveyReadRoutes() {
  const routes = newRoutes<SurveyDeps>();
  routes.openapi(list, async (c) => {
    const { db, surveys } = c.var.deps;
    const now = surveys.now();
    return c.json({ surveys: (await listSurveys(db)).map((s) => surveyListItem(s, now)) }, 200);
  });
  routes.openapi(detail, async (c) => {
    const { db, surveys } = c.var.deps;
    const { slug } = c.req.valid("param");
    const stored = await getSurvey(db, slug);
    if (!stored) throw noSurvey(slug);
    return c.json(await surveyDetail(db, stored, surveys.now()), 200);
  });
  return routes;
}

export const noSurvey = (slug: string) => new AppError("not_found", `no survey "${slug}"`);

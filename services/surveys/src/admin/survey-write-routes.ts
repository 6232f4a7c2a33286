import { getSurvey } from "@agora/db";
import { AppError, newRoutes } from "@agora/http";
import { createRoute } from "@hono/zod-openapi";
import { requireSurveyAdmin } from "./admin-auth.ts";
import { adminBodyLimit } from "./admin-body-limit.ts";
import type { SurveyDeps } from "../survey-deps.ts";
import { createSurvey } from "../verbs/create-survey.ts";
import { deleteDraftSurvey } from "../verbs/delete-survey.ts";
import { updateSurvey } from "../verbs/update-survey.ts";
import { adminSecurity, errorResponses, SlugParams, SurveyDetail } from "./admin-schemas.ts";
import { readDefinitionBody } from "./definition-body.ts";
import { definitionJsonSchemas } from "./definition-json-schema.ts";
import { noSurvey } from "./survey-read-routes.ts";
import { surveyDetail } from "./survey-view.ts";

// The body is documented here and checked in the handler, which reads JSON and YAML alike with
// the shared SurveyDefinition schema (after limits of its own); a plain schema object keeps the
// router from also parsing it.
const definitionBody = {
  required: true,
  description: "A survey definition (see the surveys README), as JSON or as the same in YAML",
  content: {
    "application/json": { schema: { $ref: "#/components/schemas/SurveyDefinition" } },
    "application/yaml": {
      schema: {
        type: "string" as const,
        description: "The definition as YAML, as the files under config/surveys are written",
      },
    },
  },
};

const create = createRoute({
  method: "post",
  path: "/api/surveys",
  summary: "Create a survey (as a draft) from a definition",
  tags: ["surveys"],
  security: adminSecurity,
  middleware: [requireSurveyAdmin(), adminBodyLimit()] as const,
  request: { body: definitionBody },
  responses: {
    201: { description: "Created, as a draft", content: { "application/json": { schema: SurveyDetail } } },
    400: errorResponses[400],
    401: errorResponses[401],
    409: { ...errorResponses[409], description: "A survey with this slug exists" },
    413: errorResponses[413],
    415: errorResponses[415],
  },
});

const replace = createRoute({
  method: "put",
  path: "/api/surveys/{slug}",
  summary: "Replace a survey's definition; refused when it would change what stored answers mean",
  tags: ["surveys"],
  security: adminSecurity,
  middleware: [requireSurveyAdmin(), adminBodyLimit()] as const,
  request: { params: SlugParams, body: definitionBody },
  responses: {
    200: { description: "Replaced", content: { "application/json": { schema: SurveyDetail } } },
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
    409: errorResponses[409],
    413: errorResponses[413],
    415: errorResponses[415],
  },
});

const remove = createRoute({
  method: "delete",
  path: "/api/surveys/{slug}",
  summary: "Delete a draft survey that has no answers",
  tags: ["surveys"],
  security: adminSecurity,
  middleware: [requireSurveyAdmin()] as const,
  request: { params: SlugParams },
  responses: {
    204: { description: "Deleted" },
    400: errorResponses.badSlug,
    401: errorResponses[401],
    404: errorResponses[404],
    409: errorResponses[409],
  },
});

export function surveyWriteRoutes() {
  const routes = newRoutes<SurveyDeps>();
  const { definition, components } = definitionJsonSchemas();
  routes.openAPIRegistry.registerComponent("schemas", "SurveyDefinition", definition);
  for (const [name, schema] of Object.entries(components))
    routes.openAPIRegistry.registerComponent("schemas", name, schema);
  routes.openapi(create, async (c) => {
    const { db, surveys } = c.var.deps;
    const definition = await readDefinitionBody(c);
    if (!(await createSurvey({ ctx: { db }, input: { definition } }))) {
      throw new AppError("conflict", `a survey with slug "${definition.slug}" exists already`);
    }
    c.var.logger.info({ slug: definition.slug }, "survey created through the admin API");
    return c.json(await detailOf(c.var.deps, definition.slug, surveys.now()), 201);
  });
  routes.openapi(replace, async (c) => {
    const { db, surveys } = c.var.deps;
    const { slug } = c.req.valid("param");
    const definition = await readDefinitionBody(c);
    const result = await updateSurvey({ ctx: { db }, input: { slug, definition } });
    if (!result.ok) {
      if (result.reason === "no-survey") throw noSurvey(slug);
      throw new AppError(result.reason === "slug-mismatch" ? "validation_failed" : "conflict", result.problem);
    }
    c.var.logger.info({ slug }, "survey definition replaced through the admin API");
    return c.json(await detailOf(c.var.deps, slug, surveys.now()), 200);
  });
  routes.openapi(remove, async (c) => {
    const { slug } = c.req.valid("param");
    const result = await deleteDraftSurvey({ ctx: { db: c.var.deps.db }, input: { slug } });
    if (!result.ok) throw result.reason === "no-survey" ? noSurvey(slug) : new AppError("conflict", result.problem);
    c.var.logger.info({ slug }, "draft survey deleted through the admin API");
    return c.body(null, 204);
  });
  return routes;
}

async function detailOf(deps: SurveyDeps, slug: string, now: Date) {
  const stored = await getSurvey(deps.db, slug);
  if (!stored) throw noSurvey(slug);
  return surveyDetail(deps.db, stored, now);
}

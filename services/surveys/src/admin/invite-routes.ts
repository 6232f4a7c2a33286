import { AppError, jsonBodyOnly, newRoutes } from "@agora/http";
import { createRoute } from "@hono/zod-openapi";
import { requireSurveyAdmin } from "./admin-auth.ts";
import { adminBodyLimit } from "./admin-body-limit.ts";
import type { SurveyDeps } from "../survey-deps.ts";
import { generateInvites } from "../verbs/generate-invites.ts";
import { adminSecurity, errorResponses, InvitesRequest, InvitesResponse, SlugParams } from "./admin-schemas.ts";

const invites = createRoute({
  method: "post",
  path: "/api/surveys/{slug}/invites",
  summary: "Generate single-use invite tokens (for a blind survey: membership credentials); shown once",
  tags: ["surveys"],
  security: adminSecurity,
  middleware: [requireSurveyAdmin(), adminBodyLimit(), jsonBodyOnly()] as const,
  request: {
    params: SlugParams,
    body: { required: true, content: { "application/json": { schema: InvitesRequest } } },
  },
  responses: {
    201: {
      description: "The tokens with ready-made links; only their hashes are stored",
      content: { "application/json": { schema: InvitesResponse } },
    },
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
    409: { ...errorResponses[409], description: "The survey is open to anyone and takes no invites" },
    413: errorResponses[413],
    415: errorResponses[415],
  },
});

export function inviteRoutes() {
  const routes = newRoutes<SurveyDeps>();
  routes.openapi(invites, async (c) => {
    const { db, surveys } = c.var.deps;
    const { slug } = c.req.valid("param");
    const { count } = c.req.valid("json");
    const result = await generateInvites({ ctx: { db, publicUrl: surveys.publicUrl }, input: { slug, count } });
    if (!result.ok)
      throw result.reason === "no-survey"
        ? new AppError("not_found", `no survey "${slug}"`)
        : new AppError("conflict", result.problem);
    // The count only: the tokens themselves must never reach a log.
    c.var.logger.info({ slug, count }, "survey invites generated");
    c.header("Cache-Control", "no-store");
    return c.json({ slug, mode: result.mode, invites: result.invites }, 201);
  });
  return routes;
}

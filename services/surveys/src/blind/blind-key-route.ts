import { AppError, newRoutes } from "@agora/http";
import { createRoute } from "@hono/zod-openapi";
import type { SurveyDeps } from "../survey-deps.ts";
import { loadSurvey } from "../verbs/load-survey.ts";
import { BlindKey, ErrorEnvelope, SlugParam } from "./blind-api-schemas.ts";
import { BLIND_VARIANT } from "./blind-sign.ts";

const route = createRoute({
  method: "get",
  path: "/api/surveys/{slug}/blind-key",
  summary: "The public key that signs a blind survey's tokens, to blind a token and to check its signature",
  tags: ["surveys"],
  request: { params: SlugParam },
  responses: {
    200: { description: "The survey's public key", content: { "application/json": { schema: BlindKey } } },
    400: {
      description: "The slug is not one a survey can have",
      content: { "application/json": { schema: ErrorEnvelope } },
    },
    404: {
      description: "No such survey, or not a blind one",
      content: { "application/json": { schema: ErrorEnvelope } },
    },
  },
});

export function blindKeyRoute() {
  const routes = newRoutes<SurveyDeps>();
  routes.openapi(route, async (c) => {
    const { slug } = c.req.valid("param");
    const survey = await loadSurvey(c.var.deps.db, slug);
    const publicKey = survey?.definition.access.mode === "blind" ? survey.stored.blindPublicKey : null;
    if (!publicKey) throw new AppError("not_found", `no blind survey "${slug}"`);
    return c.json({ slug, variant: BLIND_VARIANT, public_key: publicKey }, 200);
  });
  return routes;
}

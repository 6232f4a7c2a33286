import { newRoutes } from "@agora/http";
import { createRoute, z } from "@hono/zod-openapi";
import { triageView, type TriagePageDeps } from "./triage-view.ts";

// Local schemas: the shared ones from @agora/schemas must not be given `.openapi()` metadata.
const Item = z
  .object({
    projectId: z.number().int(),
    issueIid: z.number().int(),
    title: z.string(),
    url: z.string().nullable(),
    confidence: z.number(),
    suggestions: z.array(z.object({ sig: z.string(), confidence: z.number() })),
    reasons: z.array(z.string()),
    decidedAt: z.string(),
  })
  .openapi("TriageItem");
const TriageView = z
  .object({
    sig: z.object({ id: z.string(), name: z.string() }),
    untriaged: z.array(Item),
    routed: z.array(Item),
  })
  .openapi("TriageView");
const ErrorEnvelope = z.object({ error: z.object({ code: z.string(), message: z.string(), requestId: z.string() }) });

const route = createRoute({
  method: "get",
  path: "/api/triage/{sig}",
  summary: "A SIG's open untriaged bugs and those routed to it in the last 14 days (never confidential ones)",
  tags: ["triage"],
  request: { params: z.object({ sig: z.string().openapi({ param: { name: "sig", in: "path" }, example: "cloud" }) }) },
  responses: {
    200: { description: "The SIG's triage queue", content: { "application/json": { schema: TriageView } } },
    404: { description: "No such SIG", content: { "application/json": { schema: ErrorEnvelope } } },
  },
});

export function triageSigApi() {
  const routes = newRoutes<TriagePageDeps>();
  routes.openapi(route, async (c) => c.json(await triageView(c.var.deps, c.req.valid("param").sig), 200));
  return routes;
}

import { newRoutes } from "@agora/http";
import { ErrorEnvelope } from "@agora/schemas";
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
const count = (what: string) => z.number().int().nonnegative().openapi({ description: what });
const Accuracy = z
  .object({
    days: z.number().int().openapi({ description: "The window, in days, ending now", example: 30 }),
    since: z.string().openapi({ description: "Start of the window (ISO 8601)" }),
    decisions: count(
      "Bugs the bot decided for this SIG (acted on, or asked about with this SIG as its first suggestion)",
    ),
    acted: count("Of those, bugs it acted on alone: labelled and assigned"),
    corrected: count("Of those acted on, bugs a person then moved to another SIG or took the SIG label off"),
    asked: count("Of those decided, bugs it asked a person about"),
    placed: count("Of those asked about, bugs a person then put in a SIG"),
    placedAsSuggested: count("Of those placed, bugs put in this SIG, the bot's first suggestion"),
    precision: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .openapi({ description: "1 − corrected / acted; null when it acted on none. Few acted on make it noisy" }),
    coverage: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .openapi({ description: "acted / decisions; null when it decided none" }),
  })
  .openapi("TriageAccuracy", {
    description: "How the bot's routing fared with people, by the SIG the bot chose; confidential issues not counted",
  });
const TriageView = z
  .object({
    sig: z.object({ id: z.string(), name: z.string() }),
    untriaged: z.array(Item),
    routed: z.array(Item),
    accuracy: Accuracy,
  })
  .openapi("TriageView");

const route = createRoute({
  method: "get",
  path: "/api/triage/{sig}",
  summary:
    "A SIG's open untriaged bugs, those routed to it in the last 14 days, and the bot's accuracy for it over 30 days (never confidential ones)",
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

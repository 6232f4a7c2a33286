import { randomBytes } from "node:crypto";
import { addInvites, setSurveyState, type Database, type Sql } from "@agora/db";
import { createLogger, createMetrics, createServiceApp, type Logger } from "@agora/http";
import type { SurveyDefinition } from "@agora/schemas";
import { surveyRoutes, type SurveyDeps } from "../../src/index.ts";
import { tokenHash } from "../../src/verbs/token-hash.ts";
import { createSurvey } from "../../src/verbs/create-survey.ts";
import { serveOnLoopback } from "../browser/chromium.ts";
import { exampleSurvey } from "../../src/testing/index.ts";

/** The example community survey made blind, under a slug of the test's own. */
export function blindSurvey(slug = `blind-${randomBytes(4).toString("hex")}`): SurveyDefinition {
  return { ...exampleSurvey(), slug, access: { mode: "blind" } };
}

/** A complete, valid answer to the example survey, as the form posts it (field, value). */
export const exampleAnswers: readonly [string, string][] = [
  ["q.usage", "cloud"],
  ["q.versions", "v10"],
  ["q.versions", "v9"],
  ["q.satisfaction", "4"],
  ["q.recommend", "9"],
  ["q.improve", "More ARM images."],
];

export interface BlindSurveyServer {
  url: string;
  deps: SurveyDeps;
  /** Stores a blind survey, opens it, and gives it `count` fresh invite credentials (returned in clear). */
  openBlindSurvey(count: number): Promise<{ slug: string; credentials: string[] }>;
  close(): Promise<void>;
}

/** The survey routes as the system mounts them, on the test's database. */
export function buildSurveyApp(db: Database, options: { logger?: Logger; now?: () => Date } = {}) {
  const logger = options.logger ?? createLogger({ level: "silent" });
  const deps: SurveyDeps = {
    db,
    surveys: { adminTokenSha256s: [], publicUrl: "http://agora.test", logger, now: options.now ?? (() => new Date()) },
  };
  const app = createServiceApp({
    service: "surveys-test",
    deps,
    logger,
    metrics: createMetrics({ defaultMetrics: false }),
    readiness: {},
  });
  app.route("/", surveyRoutes());
  return { app, deps };
}

/** Stores a blind survey, opens it, and gives it `count` fresh invite credentials (returned in clear). */
export async function openBlindSurvey(
  db: Sql,
  count: number,
  definition = blindSurvey(),
): Promise<{ slug: string; credentials: string[] }> {
  if (!(await createSurvey({ ctx: { db }, input: { definition } }))) throw new Error("slug taken");
  await setSurveyState(db, definition.slug, "open");
  const credentials = Array.from({ length: count }, () => randomBytes(24).toString("base64url"));
  await addInvites(db, definition.slug, credentials.map(tokenHash));
  return { slug: definition.slug, credentials };
}

type SurveyApp = ReturnType<typeof buildSurveyApp>["app"];

/** The survey routes served over real HTTP on 127.0.0.1 at a free port; `extend` may add routes of a test's own. */
export async function startBlindSurveyServer(
  db: Database,
  extend?: (app: SurveyApp) => void,
): Promise<BlindSurveyServer> {
  const { app, deps } = buildSurveyApp(db);
  extend?.(app);
  const server = await serveOnLoopback(app);
  return {
    url: server.url,
    deps,
    openBlindSurvey: (count) => openBlindSurvey(db, count),
    close: () => server.close(),
  };
}

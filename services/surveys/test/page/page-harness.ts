import { setSurveyState, type Database } from "@agora/db";
import { freshDatabase, type DialectName } from "@agora/db/testing";
import { createLogger, createMetrics, createServiceApp, type Logger } from "@agora/http";
import { createJobQueue, notifyJob, type JobQueue } from "@agora/queue";
import type { SurveyDefinition, SurveyDefinitionInput } from "@agora/schemas";
import { SurveyDefinition as SurveyDefinitionSchema } from "@agora/schemas";
import { surveyPageRoutes, type SurveyPageOptions } from "../../src/page/index.ts";
import { surveyRoutes } from "../../src/routes.ts";
import type { SurveyDeps } from "../../src/survey-deps.ts";
import { createSurvey } from "../../src/verbs/create-survey.ts";
import { trustedProxies } from "../../src/rate-limit/index.ts";

export interface SurveyTestApp {
  app: ReturnType<typeof buildApp>;
  db: Database;
  queue: JobQueue;
  /** The clock the app reads; tests move it. */
  clock: { now: Date };
  close(): Promise<void>;
}

export interface SurveyTestAppOptions {
  page?: SurveyPageOptions;
  /** Mount every survey route (blind, results, admin) rather than the page alone. */
  allRoutes?: boolean;
  /** Start the job queue, for surveys whose milestones send notify jobs. */
  startQueue?: boolean;
  logger?: Logger;
  publicUrl?: string;
  /** Reverse proxies whose X-Forwarded-For is believed (addresses and CIDR ranges). */
  trustedProxies?: string[];
}

function buildApp(deps: SurveyDeps, logger: Logger, options: SurveyTestAppOptions) {
  const app = createServiceApp({ service: "surveys-test", deps, logger, metrics: createMetrics(), readiness: {} });
  app.route("/", options.allRoutes ? surveyRoutes() : surveyPageRoutes(options.page));
  return app;
}

/** The survey app on a fresh database of `dialect`, with real deps; the caller closes it. */
export async function surveyTestApp(dialect: DialectName, options: SurveyTestAppOptions = {}): Promise<SurveyTestApp> {
  const t = await freshDatabase(dialect);
  const queue = createJobQueue({ db: t.db, pollingIntervalSeconds: 0.5, superviseIntervalSeconds: 1 });
  if (options.startQueue) {
    await queue.start();
    await queue.register(notifyJob);
  }
  const logger = options.logger ?? createLogger({ level: "silent" });
  const clock = { now: new Date("2026-06-15T12:00:00Z") };
  const deps: SurveyDeps = {
    db: t.db,
    surveys: {
      adminTokenSha256s: [],
      publicUrl: options.publicUrl ?? "http://agora.test",
      logger,
      now: () => clock.now,
      ...(options.trustedProxies && { trustedProxies: trustedProxies(options.trustedProxies) }),
    },
  };
  return {
    app: buildApp(deps, logger, options),
    db: t.db,
    queue,
    clock,
    async close() {
      if (options.startQueue) await queue.stop({ timeoutMs: 1000 });
      await t.drop();
    },
  };
}

/** Stores a survey (checked by the real schema) in the given state. */
export async function addSurvey(
  db: Database,
  input: SurveyDefinitionInput | SurveyDefinition,
  state: "draft" | "open" | "closed" = "open",
): Promise<SurveyDefinition> {
  const definition = SurveyDefinitionSchema.parse(input);
  await createSurvey({ ctx: { db }, input: { definition, state: "draft" } });
  if (state !== "draft") await setSurveyState(db, definition.slug, state);
  return definition;
}

/** A form body as a browser sends it: repeated names for several values. */
export function formBody(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) params.append(name, v);
  return params.toString();
}

export const formHeaders = { "content-type": "application/x-www-form-urlencoded" };

/** Answers to the example survey that parseAnswers takes. */
export const validExampleAnswers: Record<string, string | string[]> = {
  "q.usage": "servers",
  "q.versions": ["v9", "v10"],
  "q.satisfaction": "4",
  "q.recommend": "9",
};

/** A required single choice of A or B: the question most page tests answer. */
export const favouriteQuestion = (): SurveyDefinitionInput["questions"][number] => ({
  id: "fav",
  type: "single_choice",
  required: true,
  title: "Favourite?",
  options: [
    { id: "a", label: "A" },
    { id: "b", label: "B" },
  ],
});

/** Two languages, a required single choice, a multiple choice and a long text: a form small enough to read whole. */
export const smallSurvey = (slug: string, extra: Partial<SurveyDefinitionInput> = {}): SurveyDefinitionInput => ({
  slug,
  languages: ["en", "de"],
  title: { en: `Survey ${slug}`, de: `Umfrage ${slug}` },
  questions: [
    favouriteQuestion(),
    {
      id: "tools",
      type: "multiple_choice",
      title: "Tools?",
      options: [
        { id: "vim", label: "Vim" },
        { id: "nano", label: "Nano" },
      ],
    },
    { id: "why", type: "long_text", title: "Why?" },
  ],
  ...extra,
});

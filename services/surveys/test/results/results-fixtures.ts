import { createHash } from "node:crypto";
import type { Database } from "@agora/db";
import { createLogger, createMetrics, createServiceApp } from "@agora/http";
import { SurveyDefinition, type SurveyAnswers, type SurveyDefinitionInput } from "@agora/schemas";
import { resultsRoutes } from "../../src/results/index.ts";
import type { SurveyDeps } from "../../src/survey-deps.ts";
import { createSurvey } from "../../src/verbs/create-survey.ts";
import { bulkInsertAnswers } from "../../src/testing/index.ts";

export const ADMIN_TOKEN = "results-admin-token-0123456789";
export const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** A survey with a question of every type, k = 5. */
export function resultsSurvey(slug: string, overrides: Partial<SurveyDefinitionInput> = {}): SurveyDefinition {
  return SurveyDefinition.parse({
    slug,
    title: { en: `Survey ${slug}` },
    questions: [
      {
        id: "usage",
        type: "single_choice",
        title: "How do you use it?",
        options: [
          { id: "home", label: "At home" },
          { id: "work", label: "At work" },
        ],
        other: true,
      },
      {
        id: "tools",
        type: "multiple_choice",
        title: "Which tools?",
        options: [
          { id: "vim", label: "Vim" },
          { id: "emacs", label: "Emacs" },
          { id: "nano", label: "Nano" },
        ],
      },
      { id: "score", type: "nps", title: "Recommend?" },
      { id: "happy", type: "rating", title: "Happy?", min: 1, max: 5 },
      { id: "machines", type: "number", integer: true, title: "How many machines?" },
      {
        id: "agree",
        type: "likert",
        title: "Agree?",
        rows: [
          { id: "docs", label: "Docs" },
          { id: "speed", label: "Speed" },
        ],
        scale: [
          { id: "no", label: "No" },
          { id: "yes", label: "Yes" },
        ],
      },
      {
        id: "order",
        type: "ranking",
        title: "Rank",
        options: [
          { id: "a", label: "A" },
          { id: "b", label: "B" },
        ],
      },
      { id: "comment", type: "long_text", title: "Anything else?" },
    ],
    results: { public: true, min_group_size: 5 },
    ...overrides,
  });
}

/** Stores the survey as open and its answers in bulk. */
export async function seedSurvey(
  db: Database,
  definition: SurveyDefinition,
  answers: readonly SurveyAnswers[],
): Promise<void> {
  await createSurvey({ ctx: { db }, input: { definition, state: "open" } });
  await bulkInsertAnswers(db, definition.slug, answers);
}

/** The results routes alone, on `db`, with one admin token. */
export function resultsApp(db: Database) {
  const deps: SurveyDeps = {
    db,
    surveys: {
      adminTokenSha256s: [createHash("sha256").update(ADMIN_TOKEN).digest("hex")],
      publicUrl: "https://agora.example.org",
      logger: createLogger({ level: "silent" }),
      now: () => new Date("2026-06-01T12:00:00Z"),
    },
  };
  const app = createServiceApp({
    service: "surveys-results-test",
    deps,
    logger: createLogger({ level: "silent" }),
    metrics: createMetrics({ defaultMetrics: false }),
    readiness: {},
  });
  app.route("/", resultsRoutes());
  return app;
}

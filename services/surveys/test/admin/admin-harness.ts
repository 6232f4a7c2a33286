import { createHash } from "node:crypto";
import type { Database } from "@agora/db";
import { freshDatabase, type DialectName, type TestDatabase } from "@agora/db/testing";
import { createLogger, createMetrics, createServiceApp } from "@agora/http";
import { createJobQueue, notifyJob, type JobQueue } from "@agora/queue";
import type { SurveyDefinitionInput } from "@agora/schemas";
import { afterAll, beforeAll } from "vitest";
import { adminRoutes } from "../../src/admin/index.ts";
import { surveyRoutes } from "../../src/routes.ts";
import type { SurveyDeps } from "../../src/survey-deps.ts";

export const ADMIN_TOKEN = "admin-token-for-tests-0123456789";
export const PUBLIC_URL = "https://agora.example.org";
export const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** A small survey with every kind of column an export has, milestones every 3 answers. */
export function testSurvey(slug: string, overrides: Partial<SurveyDefinitionInput> = {}): SurveyDefinitionInput {
  return {
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
      { id: "machines", type: "number", title: "How many machines?" },
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
    access: { mode: "invite" },
    milestones: { room: "#surveys:example.org", every: 3 },
    ...overrides,
  };
}

/** A form as the page would post it, for submitAnswer. */
export function form(fields: Record<string, string | string[]>): Map<string, string[]> {
  return new Map(Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
}

/** A response whose JSON the tests check with expect(), so it is typed loosely. */
export interface LooseResponse extends Response {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json(): Promise<any>;
}

export interface AdminHarness {
  readonly t: TestDatabase;
  readonly db: Database;
  readonly queue: JobQueue;
  readonly app: ReturnType<typeof buildApp>;
  /** The time the app sees; tests move it. */
  clock: { now: Date };
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<LooseResponse>;
  /** The notify jobs in pg-boss's table, by dedupe key. */
  notifyJobs(): Promise<{ id: string; dedupeKey: string; body: string }[]>;
}

function buildApp(deps: SurveyDeps, routes: "admin" | "all") {
  const app = createServiceApp({
    service: "surveys-test",
    deps,
    logger: createLogger({ level: "silent" }),
    metrics: createMetrics({ defaultMetrics: false }),
    readiness: {},
  });
  app.route("/", routes === "all" ? surveyRoutes() : adminRoutes());
  return app;
}

/**
 * The admin API (or, with `routes: "all"`, every survey route) on a fresh database of `dialect`
 * with a real job queue, for the enclosing describe.
 */
export function adminHarness(
  dialect: DialectName,
  options: { routes?: "admin" | "all"; publicUrl?: string } = {},
): AdminHarness {
  let t: TestDatabase | undefined;
  let queue: JobQueue | undefined;
  let app: ReturnType<typeof buildApp> | undefined;
  const clock = { now: new Date("2026-06-01T12:00:00Z") };
  beforeAll(async () => {
    t = await freshDatabase(dialect);
    queue = createJobQueue({ db: t.db, pollingIntervalSeconds: 0.5 });
    await queue.start();
    await queue.register(notifyJob);
    app = buildApp(
      {
        db: t.db,
        surveys: {
          adminTokenSha256s: [
            createHash("sha256").update("another-admin").digest("hex"),
            createHash("sha256").update(ADMIN_TOKEN).digest("hex"),
          ],
          publicUrl: options.publicUrl ?? PUBLIC_URL,
          logger: createLogger({ level: "silent" }),
          now: () => clock.now,
        },
      },
      options.routes ?? "admin",
    );
  });
  afterAll(async () => {
    await queue?.stop({ timeoutMs: 1000 });
    await t?.drop();
  });
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("adminHarness: read inside a test, after beforeAll");
    return value;
  };
  return {
    get t() {
      return need(t);
    },
    get db() {
      return need(t).db;
    },
    get queue() {
      return need(queue);
    },
    get app() {
      return need(app);
    },
    clock,
    async request(method, path, body, headers = admin) {
      const init: RequestInit = { method, headers: { ...headers } };
      if (typeof body === "string") init.body = body;
      else if (body !== undefined) {
        init.body = JSON.stringify(body);
        (init.headers as Record<string, string>)["content-type"] = "application/json";
      }
      return (await need(app).request(path, init)) as LooseResponse;
    },
    async notifyJobs() {
      const rows = await need(t).db.query<{ id: string; data: { dedupeKey: string; body: string } }>(
        "select id, data from pgboss.job where name = 'notify' order by created_on, id",
      );
      return rows.map((r) => ({ id: r.id, dedupeKey: r.data.dedupeKey, body: r.data.body }));
    },
  };
}

import { createHash } from "node:crypto";
import { openDatabase, type Database } from "@agora/db";
import { createForumConsumer } from "@agora/forums";
import {
  createIntakeCounter,
  hooksRoutes,
  queuedDeliveryStore,
  registerInboxMetrics,
  startDeliveryWorker,
  type HooksDeps,
} from "@agora/hooks";
import { createServiceApp, type HttpMetrics, type Logger } from "@agora/http";
import { createJobQueue, deliveryJob, notifyJob, triageJob, type JobQueue } from "@agora/queue";
import type { Community } from "@agora/schemas";
import {
  seedSurveyFiles,
  startSurveyClock,
  surveyRoutes,
  trustedProxies,
  type SurveyDeps,
  type SurveyFile,
} from "@agora/surveys";
import { createProjectActivityConsumer, createTriageConsumer, triageRoutes, type TriagePageDeps } from "@agora/triage";
import type { AgoraEnv } from "./settings.ts";
import { startMatrixBot } from "./matrix-bot.ts";
import { startMatrixNotifier } from "./matrix-notifier.ts";
import { registerQueueMetrics } from "./queue-metrics.ts";
import { registerTriageMetrics } from "./triage-metrics.ts";
import { statusRoutes, type StatusDeps } from "./status-page.ts";
import { startTriage, startTriageSweeps } from "./triage.ts";

/**
 * Which parts this process runs: all of them (`start`), or one role of a scaled-out deployment.
 * Every process serves health, readiness and metrics, whatever else it runs.
 */
export interface Roles {
  intake: boolean;
  statusPage: boolean;
  workers: boolean;
  /** The chat bot; one process of a deployment at most, since it owns the sync token. */
  bot: boolean;
  /** The survey pages, results and admin API; it also brings the database in line with the survey files. */
  surveys: boolean;
}

type SystemDeps = HooksDeps & StatusDeps & TriagePageDeps & SurveyDeps;

export interface System {
  app: ReturnType<typeof createServiceApp<SystemDeps>>;
  db: Database;
  queue: JobQueue;
  /** Stops taking deliveries, lets running jobs finish, closes the database. */
  stop(): Promise<void>;
}

export interface SystemOptions {
  env: AgoraEnv;
  community: Community;
  /** Survey definitions read at start (`AGORA_SURVEYS_DIR`). */
  surveyFiles?: readonly SurveyFile[];
  roles: Roles;
  /** Names the process in logs, metrics and its API document. */
  service: string;
  logger: Logger;
  metrics: HttpMetrics;
  /** Test knobs: how fast idle workers poll and killed workers' jobs come back. */
  queueTiming?: { pollingIntervalSeconds?: number; superviseIntervalSeconds?: number };
}

/**
 * Builds every client once and wires the services to them. Nothing here listens on a port:
 * `main.ts` serves `app`, and tests call `app.request()`.
 */
export async function buildSystem(options: SystemOptions): Promise<System> {
  const { env, logger, metrics, roles } = options;
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.AGORA_DATA_DIR });
  // The workers run pg-boss's scheduler, which sends the triage sweeps' jobs.
  const queue = createJobQueue({
    db,
    logger: logger.child({ part: "queue" }),
    schedule: roles.workers,
    ...options.queueTiming,
  });
  await queue.start();
  // Registered here so that producers can enqueue notify jobs inside their transactions.
  await queue.register(deliveryJob, notifyJob, triageJob);
  registerQueueMetrics(metrics.registry, queue);
  registerInboxMetrics(metrics.registry, db);

  const store = queuedDeliveryStore(db);

  const triage = roles.workers
    ? await startTriage({ env, community: options.community, db, queue, logger })
    : { on: false, note: "run `agora work` elsewhere" };
  // Where triage runs: other roles would only export the same figures once more per replica.
  if (triage.on) registerTriageMetrics(metrics.registry, db);
  const bot = roles.bot ? startMatrixBot({ env, community: options.community, db, queue, logger }) : undefined;
  const parts = [
    {
      name: "GitLab intake",
      on: Boolean(env.GITLAB_WEBHOOK_SECRET) && roles.intake,
      note: env.GITLAB_WEBHOOK_SECRET ? "POST /hooks/gitlab" : "set GITLAB_WEBHOOK_SECRET to turn it on",
    },
    {
      name: "Discourse intake",
      on: Boolean(env.DISCOURSE_WEBHOOK_SECRET) && roles.intake,
      note: env.DISCOURSE_WEBHOOK_SECRET ? "POST /hooks/discourse" : "set DISCOURSE_WEBHOOK_SECRET to turn it on",
    },
    {
      name: "Delivery workers",
      on: roles.workers,
      note: roles.workers ? "in this process" : "run `agora work` elsewhere",
    },
    {
      name: "Matrix notifier",
      ...(roles.workers
        ? await startMatrixNotifier({ env, db, queue, logger })
        : { on: false, note: "run `agora work` elsewhere" }),
    },
    { name: "Triage worker", ...triage },
    {
      name: "Triage sweeps",
      ...(roles.workers
        ? await startTriageSweeps({ env, community: options.community, db, queue, logger })
        : { on: false, note: "run `agora work` elsewhere" }),
    },
    { name: "Matrix bot", ...(bot ? bot.part : { on: false, note: "run `agora bot` in one process" }) },
    {
      name: "Surveys",
      on: roles.surveys,
      note: roles.surveys
        ? `/s/<slug>; ${options.surveyFiles?.length ?? 0} from ${env.AGORA_SURVEYS_DIR}`
        : "run `agora serve surveys` elsewhere",
    },
    { name: "Community file", on: true, note: `${options.community.sigs.length} SIGs from ${env.AGORA_CONFIG}` },
  ];

  const publicUrl = env.AGORA_PUBLIC_URL;
  if (roles.surveys && options.surveyFiles?.length) {
    await seedSurveyFiles({ db, logger: logger.child({ part: "surveys" }) }, options.surveyFiles);
  }
  // Every replica serving surveys runs the clock; each milestone's job id keeps it to one message.
  const surveyClock = roles.surveys
    ? startSurveyClock({ db, publicUrl, logger: logger.child({ part: "survey-clock" }) })
    : undefined;

  const deps: SystemDeps = {
    store,
    secrets: { gitlab: env.GITLAB_WEBHOOK_SECRET, discourse: env.DISCOURSE_WEBHOOK_SECRET },
    bodyLimit: env.AGORA_BODY_LIMIT,
    intakeCounter: createIntakeCounter(metrics.registry),
    db,
    queue,
    parts,
    triageRuns: triage.on,
    community: options.community,
    surveys: {
      adminTokenSha256s: adminTokenSha256s(env, options.community),
      publicUrl,
      logger: logger.child({ part: "surveys" }),
      trustedProxies: trustedProxies(env.AGORA_TRUSTED_PROXIES),
      now: () => new Date(),
    },
  };
  const app = createServiceApp({
    service: options.service,
    deps,
    logger,
    metrics,
    readiness: { database: () => db.ping(), queue: () => queue.ping() },
  });
  if (roles.intake) app.route("/", hooksRoutes());
  if (roles.statusPage) app.route("/", statusRoutes());
  if (roles.statusPage) app.route("/", triageRoutes());
  if (roles.surveys) app.route("/", surveyRoutes());

  const deliveryWorker = roles.workers
    ? await startDeliveryWorker({
        db,
        queue,
        retentionSeconds: env.AGORA_INBOX_RETENTION,
        logger: logger.child({ part: "deliveries" }),
        consumers: [
          createForumConsumer({
            rules: options.community.forums.rules,
            logger: logger.child({ part: "forums" }),
            defaultInstance: options.community.discourse?.url,
            queue,
          }),
          // Registered whether or not GitLab is configured: triage jobs wait in the queue, as notify jobs do.
          createTriageConsumer({ community: options.community, logger: logger.child({ part: "triage" }), queue }),
          // Merge requests, comments, pipelines, releases, tags and pushes, to the rooms of the SIGs that follow the project.
          createProjectActivityConsumer({
            community: options.community,
            logger: logger.child({ part: "gitlab-activity" }),
            queue,
          }),
        ],
      })
    : undefined;

  return {
    app,
    db,
    queue,
    async stop() {
      await bot?.stop();
      await surveyClock?.stop();
      await deliveryWorker?.stop();
      await store.drain();
      await queue.stop({ graceful: true, timeoutMs: 30_000 });
      await db.close();
    },
  };
}

/** Admin tokens are only ever compared as hashes: the community file holds hashes, and the env token is hashed at once. */
function adminTokenSha256s(env: AgoraEnv, community: Community): string[] {
  const fromFile = community.surveys.admins.flatMap((a) => (a.token_sha256 ? [a.token_sha256] : []));
  const fromEnv = env.AGORA_ADMIN_TOKEN ? [createHash("sha256").update(env.AGORA_ADMIN_TOKEN).digest("hex")] : [];
  return [...fromFile, ...fromEnv];
}

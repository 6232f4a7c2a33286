import { parseBindings, type DatabaseBindings } from "@agora/config";
import { connectPostgres } from "@agora/db";
import { createEdgeLogger, createEdgeMetrics, misconfigured, type EdgeContext } from "@agora/http";
import { createApp } from "./app.ts";
import { enqueueDeliveryJobs } from "./delivery-queue.ts";
import { directDeliveryStore } from "./direct-delivery-store.ts";
import { writerDeliveryStore, type DeliveryWriter } from "./delivery-writer.ts";

export { pooledDeliveryWriter, type DeliveryWriter, type WriteOutcome } from "./delivery-writer.ts";

/**
 * The bindings the intake reads: plain variables and secrets by the names the Node process reads
 * from its environment, and the database as `DATABASE_URL` or a Hyperdrive binding.
 */
export interface HooksBindings extends DatabaseBindings {
  GITLAB_WEBHOOK_SECRET?: string;
  DISCOURSE_WEBHOOK_SECRET?: string;
  AGORA_BODY_LIMIT?: string;
  LOG_LEVEL?: string;
}

type Handler<B extends HooksBindings> = (request: Request, env: B, ctx?: EdgeContext) => Promise<Response>;

export interface HooksEdgeOptions<B extends HooksBindings> {
  /**
   * Where deliveries are written when the runtime keeps something alive between requests (a
   * Durable Object holding `pooledDeliveryWriter`, or the writer itself in a process that lives on,
   * as under `deno serve`); without one, each request writes on a connection of its own.
   */
  writer?: (bindings: B, databaseUrl: string) => DeliveryWriter | undefined;
}

/**
 * The intake as an edge module worker's `fetch`: the same app as `agora serve hooks`, built once
 * per isolate from its bindings (they do not change during its life). Each delivery's job is
 * written with it, without pg-boss; the Node workers (`agora work`) process it. Migrations are
 * `agora migrate`'s, never an isolate's. Settings are checked by the schema the Node process uses;
 * when one is wrong every request answers 503 naming it, as the Node process would refuse to start.
 *
 * Without a `writer`, each delivery is written on a connection of its own request, through the
 * pooler: a connection's start and a commit per delivery, 0.10-0.15x the Node intake's rate. With
 * one, deliveries are handed to it and its pool commits them in groups, as the Node intake does.
 */
export function hooksEdgeHandler<B extends HooksBindings>(options: HooksEdgeOptions<B> = {}): { fetch: Handler<B> } {
  let built: { fetch: Handler<B> } | undefined;

  function build(bindings: B): { fetch: Handler<B> } {
    const parsed = parseBindings(bindings);
    if (!parsed.ok) return { fetch: misconfigured("the intake", parsed.problems) };
    const { env, databaseUrl } = parsed;
    const logger = createEdgeLogger(env.LOG_LEVEL);
    const writer = options.writer?.(bindings, databaseUrl);
    const app = createApp({
      deps: {
        store: writer
          ? writerDeliveryStore(writer)
          : directDeliveryStore({ connect: () => connectPostgres(databaseUrl), enqueue: enqueueDeliveryJobs }),
        secrets: { gitlab: env.GITLAB_WEBHOOK_SECRET, discourse: env.DISCOURSE_WEBHOOK_SECRET },
        bodyLimit: env.AGORA_BODY_LIMIT,
        intakeCounter: { inc() {} },
      },
      logger,
      metrics: createEdgeMetrics(),
      readiness: {
        database: async () => {
          const db = await connectPostgres(databaseUrl);
          try {
            await db.query("select 1");
          } finally {
            await db.close();
          }
        },
      },
    });
    return { fetch: async (request) => app.fetch(request, bindings) };
  }

  return {
    fetch(request, env, ctx) {
      built ??= build(env);
      return built.fetch(request, env, ctx);
    },
  };
}

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPostgresDatabase } from "@agora/db/testing";
import { freePort, startDeno, startPgbouncer, startWorkerd, type Child, type WorkerName } from "@agora/edge";
import { closedLoop, openLoop, type LoadResult, type Target } from "./load.ts";

const issue = readFileSync(
  new URL("../packages/schemas/test/fixtures/gitlab/issue-open.json", import.meta.url),
  "utf8",
);
const server = new URL("./intake-server.ts", import.meta.url).pathname;

async function startServer(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [server, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += String(d);
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on("exit", (code) => reject(new Error(`bench server exited ${code}`)));
  });
  return { child, url: `http://127.0.0.1:${port}/hooks/gitlab` };
}

function target(url: string, run: string): Target {
  return {
    url,
    make: (i) => ({
      headers: {
        "content-type": "application/json",
        "x-gitlab-event": "Issue Hook",
        "x-gitlab-token": "bench-secret",
        "idempotency-key": `${run}-${i}`,
      },
      body: issue,
    }),
  };
}

export interface IntakeFigures {
  variant: string;
  throughput: LoadResult;
  atRate: LoadResult;
  /** The fixed rate actually offered, per second. */
  offered: number;
}

async function measure(
  variant: string,
  args: string[],
  seconds: number,
  rate: number,
  connections: number,
): Promise<IntakeFigures> {
  const { child, url } = await startServer(args);
  try {
    return await load(variant, url, seconds, rate, connections);
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGINT");
    await exited;
  }
}

async function load(
  variant: string,
  url: string,
  seconds: number,
  rate: number,
  connections: number,
): Promise<IntakeFigures> {
  await closedLoop(target(url, `${variant}-warm`), 16, 1);
  const throughput = await closedLoop(target(url, `${variant}-max`), connections, seconds);
  // A rate past what the variant sustains measures only its queue growing: offer at most half its maximum.
  const offered = Math.min(rate, Math.floor(throughput.perSecond / 2));
  const atRate = await openLoop(target(url, `${variant}-rate`), offered, seconds);
  return { variant, throughput, atRate, offered };
}

type Serve = (port: number, bindings: Record<string, string>) => Promise<Child>;

/** Serves `worker` in workerd (from npm), as `npm run edge` does. */
const inWorkerd =
  (worker: WorkerName, withoutDurableObjects = false): Serve =>
  (port, bindings) =>
    startWorkerd(mkdtempSync(join(tmpdir(), "agora-bench-edge-")), [{ worker, port, bindings, withoutDurableObjects }]);

/** Serves the intake under `deno serve` (from npm), as `npm run edge -- deno` does. */
const inDeno: Serve = (port, env) =>
  startDeno(mkdtempSync(join(tmpdir(), "agora-bench-deno-")), { entry: "hooks", port, env });

/**
 * An edge entry served on loopback; the intake writes through PgBouncer (transaction mode), as
 * behind Hyperdrive.
 */
async function measureEdge(
  variant: string,
  serve: Serve,
  databaseUrl: string | undefined,
  options: { seconds: number; rate: number; connections: number },
): Promise<IntakeFigures> {
  const pooler = databaseUrl ? await startPgbouncer(databaseUrl) : undefined;
  try {
    const port = await freePort();
    const served = await serve(port, {
      GITLAB_WEBHOOK_SECRET: "bench-secret",
      LOG_LEVEL: "error",
      ...(pooler && { DATABASE_URL: pooler.url }),
    });
    try {
      return await load(
        variant,
        `http://127.0.0.1:${port}/hooks/gitlab`,
        options.seconds,
        options.rate,
        options.connections,
      );
    } finally {
      await served.stop();
    }
  } finally {
    await pooler?.stop();
  }
}

/** The edge intake writes pg-boss's rows without pg-boss: the schema and queues come from `agora migrate`. */
function migrate(databaseUrl: string): void {
  const main = new URL("../apps/agora/src/main.ts", import.meta.url).pathname;
  const run = spawnSync(process.execPath, [main, "migrate"], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl },
  });
  if (run.status !== 0) throw new Error(`agora migrate failed:\n${run.stderr}`);
}

/** The edge intake through PgBouncer, on a database of its own that `agora migrate` prepared. */
async function measureEdgeIntake(
  variant: string,
  serve: Serve,
  options: { seconds: number; rate: number; connections: number },
): Promise<IntakeFigures> {
  const database = await createPostgresDatabase();
  try {
    migrate(database.url);
    return await measureEdge(variant, serve, database.url, options);
  } finally {
    await database.drop();
  }
}

/**
 * Stored deliveries per second and latency, on PGlite and PostgreSQL, beside a bare Hono app; then
 * the same in workerd: a bare Hono app, and the intake through PgBouncer, writing on a connection
 * of each request's own or handing deliveries to a Durable Object that commits them in groups; and
 * the intake under `deno serve`, committing in groups from a pool of its own.
 */
export async function intakeBenchmark(options: {
  seconds: number;
  rate: number;
  connections: number;
}): Promise<IntakeFigures[]> {
  const database = await createPostgresDatabase();
  try {
    return [
      await measure("bare Hono 202 (baseline)", ["bare"], options.seconds, options.rate, options.connections),
      await measure(
        "intake on PostgreSQL",
        ["intake", database.url],
        options.seconds,
        options.rate,
        options.connections,
      ),
      await measure("intake on PGlite", ["intake"], options.seconds, options.rate, options.connections),
      await measureEdge("workerd: bare Hono 202", inWorkerd("bare"), undefined, options),
      await measureEdgeIntake("workerd: intake, per request", inWorkerd("hooks", true), options),
      await measureEdgeIntake("workerd: intake, DO writer", inWorkerd("hooks"), options),
      await measureEdgeIntake("deno serve: intake, pool", inDeno, options),
    ];
  } finally {
    await database.drop();
  }
}

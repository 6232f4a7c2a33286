import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createPostgresDatabase } from "@agora/db/testing";
import { closedLoop, openLoop, type LoadResult, type Target } from "./load.ts";

const issue = readFileSync(new URL("../packages/schemas/test/fixtures/gitlab/issue-open.json", import.meta.url), "utf8");
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

async function measure(variant: string, args: string[], seconds: number, rate: number, connections: number): Promise<IntakeFigures> {
  const { child, url } = await startServer(args);
  try {
    await closedLoop(target(url, `${variant}-warm`), 16, 1);
    const throughput = await closedLoop(target(url, `${variant}-max`), connections, seconds);
    // A rate past what the variant sustains measures only its queue growing: offer at most half its maximum.
    const offered = Math.min(rate, Math.floor(throughput.perSecond / 2));
    const atRate = await openLoop(target(url, `${variant}-rate`), offered, seconds);
    return { variant, throughput, atRate, offered };
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGINT");
    await exited;
  }
}

/** Stored deliveries per second and latency, on PGlite and PostgreSQL, beside a bare Hono app. */
export async function intakeBenchmark(options: { seconds: number; rate: number; connections: number }): Promise<IntakeFigures[]> {
  const database = await createPostgresDatabase();
  try {
    return [
      await measure("bare Hono 202 (baseline)", ["bare"], options.seconds, options.rate, options.connections),
      await measure("intake on PostgreSQL", ["intake", database.url], options.seconds, options.rate, options.connections),
      await measure("intake on PGlite", ["intake"], options.seconds, options.rate, options.connections),
    ];
  } finally {
    await database.drop();
  }
}

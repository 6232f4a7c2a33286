// Serves one variant of the intake for the benchmark, in a process of its own so that the load
// generator does not share its event loop. Prints "listening <port>" when ready.
import { serve } from "@hono/node-server";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@agora/db";
import { createApp, createIntakeCounter, queuedDeliveryStore } from "@agora/hooks";
import { createLogger, createMetrics } from "@agora/http";
import { createJobQueue, deliveryJob } from "@agora/queue";
import { Hono } from "hono";

export const BENCH_SECRET = "bench-secret";

const [mode, databaseUrl] = process.argv.slice(2);

// PGlite on disk, as `npm start` runs it (in memory, its files grow by copying and it slows down).
const dataDir = mode === "intake" && !databaseUrl ? mkdtempSync(join(tmpdir(), "agora-bench-")) : "";

async function intakeApp() {
  const db = await openDatabase({ databaseUrl, dataDir });
  const queue = createJobQueue({ db });
  await queue.start();
  await queue.register(deliveryJob);
  const metrics = createMetrics({ defaultMetrics: false });
  return createApp({
    deps: {
      store: queuedDeliveryStore(db),
      secrets: { gitlab: BENCH_SECRET },
      bodyLimit: 25 * 1024 * 1024,
      intakeCounter: createIntakeCounter(metrics.registry),
    },
    logger: createLogger({ level: "error" }),
    metrics,
    readiness: {},
  });
}

function bareApp() {
  // The floor: the same HTTP stack reading the body and answering 202, storing nothing.
  const app = new Hono();
  app.post("/hooks/gitlab", async (c) => {
    await c.req.arrayBuffer();
    return c.body(null, 202);
  });
  return app;
}

const app = mode === "bare" ? bareApp() : await intakeApp();
serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  console.log(`listening ${info.port}`);
});
// A normal exit lets `--cpu-prof` write its profile when the benchmark is being profiled.
process.on("SIGINT", () => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
});

// `npm run edge`: the webhook intake in workerd on PORT and the surveys on PORT + 1,
// against DATABASE_URL through PgBouncer on loopback, as deployed workers reach their database
// through Hyperdrive. The schema and the surveys are `agora migrate`'s to install (run first); the
// Node workers (`agora work`) process what the intake stores.
// `npm run edge -- deno` serves the same two under `deno serve` (from npm), one process each.
// `npm run edge -- build [DIR]` only writes the bundles (default apps/edge/dist), for wrangler and Deno.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "@agora/config";
import { buildDenoEntries, buildWorkers } from "./build.ts";
import type { Child } from "./child.ts";
import { startDeno } from "./deno.ts";
import { startPgbouncer } from "./pgbouncer.ts";
import { startWorkerd } from "./workerd.ts";

if (process.argv[2] === "build") {
  const outDir = process.argv[3] ?? new URL("../dist", import.meta.url).pathname;
  const bundles = await buildWorkers(outDir);
  for (const [name, path] of Object.entries(bundles))
    process.stdout.write(`agora edge: ${name} worker bundled into ${path}\n`);
  for (const [name, path] of Object.entries(await buildDenoEntries(outDir)))
    process.stdout.write(`agora edge: ${name} for deno serve bundled into ${path}\n`);
  process.exit(0);
}

const parsed = parseEnv(process.env);
if (!parsed.ok) {
  for (const problem of parsed.problems) process.stderr.write(`agora edge: ${problem}\n`);
  process.exit(1);
}
const { env } = parsed;
if (!env.DATABASE_URL) {
  process.stderr.write(
    "agora edge: DATABASE_URL: required (the edge has no embedded database); run `npm run agora -- migrate` with it first\n",
  );
  process.exit(1);
}

const pooler = await startPgbouncer(env.DATABASE_URL);
const secrets = Object.fromEntries(
  (["GITLAB_WEBHOOK_SECRET", "DISCOURSE_WEBHOOK_SECRET"] as const).flatMap((name) =>
    env[name] ? [[name, env[name]]] : [],
  ),
);
const surveysPort = env.PORT + 1;
const hooksBindings = {
  DATABASE_URL: pooler.url,
  AGORA_BODY_LIMIT: String(env.AGORA_BODY_LIMIT),
  LOG_LEVEL: env.LOG_LEVEL,
  ...secrets,
};
const surveysBindings = {
  DATABASE_URL: pooler.url,
  // The checked env fills in http://localhost:PORT, the intake's port: the pages are on the next one.
  AGORA_PUBLIC_URL: process.env.AGORA_PUBLIC_URL ? env.AGORA_PUBLIC_URL : `http://localhost:${surveysPort}`,
  LOG_LEVEL: env.LOG_LEVEL,
  ...(env.AGORA_ADMIN_TOKEN && { AGORA_ADMIN_TOKEN: env.AGORA_ADMIN_TOKEN }),
};
const runtime = process.argv[2] === "deno" ? "deno serve" : "workerd";
const outDir = mkdtempSync(join(tmpdir(), "agora-edge-"));
const servers: Child[] =
  runtime === "workerd"
    ? [
        await startWorkerd(outDir, [
          { worker: "hooks", port: env.PORT, bindings: hooksBindings },
          { worker: "surveys", port: surveysPort, bindings: surveysBindings },
        ]),
      ]
    : [
        await startDeno(outDir, { entry: "hooks", port: env.PORT, env: hooksBindings }),
        await startDeno(outDir, { entry: "surveys", port: surveysPort, env: surveysBindings }),
      ];
for (const server of servers) {
  server.child.stdout?.pipe(process.stdout);
  server.child.stderr?.pipe(process.stderr);
}
process.stdout.write(
  `agora edge: in ${runtime}, the intake on http://127.0.0.1:${env.PORT}, the survey pages on http://127.0.0.1:${surveysPort}; ` +
    `PostgreSQL through PgBouncer on 127.0.0.1:${pooler.port}\n`,
);

let stopping = false;
/** Stops both; exits 0 when asked to stop, 1 when one of them ended on its own. */
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (code !== 0) {
    const ended = servers.some((s) => s.child.exitCode !== null) ? runtime : "PgBouncer";
    process.stderr.write(`agora edge: ${ended} stopped on its own\n`);
  }
  for (const server of servers) await server.stop();
  await pooler.stop();
  process.exit(code);
}
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
for (const server of servers) server.child.once("exit", () => void stop(1));
pooler.child.once("exit", () => void stop(1));

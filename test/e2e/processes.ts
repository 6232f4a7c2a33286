import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";

const root = new URL("../../", import.meta.url).pathname;
const main = `${root}apps/agora/src/main.ts`;

export const GITLAB_SECRET = "e2e-gitlab-secret-5f1c";
export const DISCOURSE_SECRET = "e2e-discourse-secret-9a2d";

/** A port the OS says is free now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

export interface AgoraProcess {
  child: ChildProcess;
  port: number;
  url: string;
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `agora <args>` as a real child process and waits until it answers `/readyz`. */
export async function startAgora(args: string[], env: Record<string, string>): Promise<AgoraProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [main, ...args], {
    env: {
      PATH: process.env.PATH ?? "",
      PORT: String(port),
      GITLAB_WEBHOOK_SECRET: GITLAB_SECRET,
      DISCOURSE_WEBHOOK_SECRET: DISCOURSE_SECRET,
      AGORA_LOG_FORMAT: "json",
      LOG_LEVEL: "warn",
      ...env,
    },
    // From the repository root, as `npm start` runs it: the default community file is relative to it.
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (d) => (text += String(d)));
  child.stderr?.on("data", (d) => (text += String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`agora ${args.join(" ")} exited ${child.exitCode}:\n${text}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`agora ${args.join(" ")} not ready after 60 s:\n${text}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    child,
    port,
    url,
    output: () => text,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}

/**
 * `agora migrate` on `databaseUrl`, as an edge deployment runs it first: the tables, pg-boss's
 * schema and queues, the survey files. Throws with what it printed when it fails or complains.
 */
export function migrateDatabase(databaseUrl: string): void {
  const run = spawnSync(process.execPath, [main, "migrate"], {
    cwd: root,
    encoding: "utf8",
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
  });
  if (run.status !== 0 || run.stderr !== "") throw new Error(`agora migrate failed (${run.status}):\n${run.stderr}`);
}

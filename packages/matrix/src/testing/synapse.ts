import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { closeSync, openSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { homeserverConfig, logConfig, signingKey, type RateLimits } from "./homeserver-config.ts";
import { ensureSynapseInstalled } from "./synapse-install.ts";

export interface RegisteredUser {
  userId: string;
  accessToken: string;
  deviceId: string;
}

export interface TestSynapse {
  /** `http://127.0.0.1:<port>`, the client-server API and the admin API. */
  readonly baseUrl: string;
  readonly serverName: string;
  /** Creates an account through the shared-secret admin API; no rate limit applies. */
  registerUser(localpart: string, options?: { admin?: boolean }): Promise<RegisteredUser>;
  /** Exempts a user from message rate limits, as an operator would for a bot. */
  liftRateLimits(userId: string): Promise<void>;
  /** Stops the homeserver but keeps its data and port, for fault tests; `start()` brings it back. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  close(): Promise<void>;
}

const SERVER_NAME = "localhost";
const READY_TIMEOUT_MS = 60_000;

/**
 * A real Synapse on loopback with a fresh SQLite database in a temporary directory. Installs
 * Synapse first when the cached virtualenv is missing.
 */
export async function startSynapse(options: { rateLimits?: RateLimits } = {}): Promise<TestSynapse> {
  const python = await ensureSynapseInstalled();
  const dataDir = await mkdtemp(path.join(tmpdir(), "agora-synapse-"));
  const port = await freePort();
  const sharedSecret = randomBytes(24).toString("hex");
  const configPath = path.join(dataDir, "homeserver.yaml");
  await writeFile(
    configPath,
    homeserverConfig({
      dataDir,
      port,
      serverName: SERVER_NAME,
      sharedSecret,
      rateLimits: options.rateLimits ?? "lifted",
    }),
  );
  await writeFile(path.join(dataDir, "log-config.yaml"), logConfig(dataDir));
  await writeFile(path.join(dataDir, "signing.key"), signingKey());

  const baseUrl = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let operator: RegisteredUser | undefined;

  async function start(): Promise<void> {
    if (child) return;
    // Synapse's own output goes to a file, read back only when it fails to start.
    const stdio = openSync(path.join(dataDir, "stdio.log"), "a");
    try {
      child = spawn(python, ["-m", "synapse.app.homeserver", "-c", configPath], {
        cwd: dataDir,
        stdio: ["ignore", stdio, stdio],
      });
    } finally {
      closeSync(stdio);
    }
    await waitUntilReady(baseUrl, child, dataDir);
  }

  async function stop(): Promise<void> {
    const running = child;
    if (!running) return;
    child = undefined;
    if (running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
    running.kill("SIGTERM");
    const timer = setTimeout(() => running.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }

  async function registerUser(localpart: string, { admin = false } = {}): Promise<RegisteredUser> {
    const url = `${baseUrl}/_synapse/admin/v1/register`;
    const { nonce } = (await call("GET", url)) as { nonce: string };
    const password = randomBytes(16).toString("hex");
    const mac = createHmac("sha1", sharedSecret)
      .update(`${nonce}\0${localpart}\0${password}\0${admin ? "admin" : "notadmin"}`)
      .digest("hex");
    const body = (await call("POST", url, undefined, { nonce, username: localpart, password, admin, mac })) as {
      user_id: string;
      access_token: string;
      device_id: string;
    };
    return { userId: body.user_id, accessToken: body.access_token, deviceId: body.device_id };
  }

  async function liftRateLimits(userId: string): Promise<void> {
    operator ??= await registerUser(`agora-operator-${randomBytes(4).toString("hex")}`, { admin: true });
    const url = `${baseUrl}/_synapse/admin/v1/users/${encodeURIComponent(userId)}/override_ratelimit`;
    await call("POST", url, operator.accessToken, { messages_per_second: 0, burst_count: 0 });
  }

  try {
    await start();
  } catch (error) {
    await stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    baseUrl,
    serverName: SERVER_NAME,
    registerUser,
    liftRateLimits,
    start,
    stop,
    async close() {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function call(method: string, url: string, accessToken?: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return JSON.parse(text);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function waitUntilReady(baseUrl: string, child: ChildProcess, dataDir: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited: string | undefined;
  child.once("exit", (code, signal) => {
    exited = `exited with ${signal ?? code}`;
  });
  while (Date.now() < deadline && exited === undefined) {
    try {
      const response = await fetch(`${baseUrl}/_matrix/client/versions`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const reason = exited ?? `not ready after ${READY_TIMEOUT_MS / 1000} s`;
  throw new Error(`Synapse ${reason}; its output:\n${await logTail(dataDir)}`);
}

async function logTail(dataDir: string): Promise<string> {
  const parts: string[] = [];
  for (const file of ["stdio.log", "homeserver.log"]) {
    const text = await readFile(path.join(dataDir, file), "utf8").catch(() => "");
    parts.push(`--- ${file}\n${text.split("\n").slice(-40).join("\n")}`);
  }
  return parts.join("\n");
}

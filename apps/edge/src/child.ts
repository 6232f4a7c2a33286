import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { once } from "node:events";
import { createServer, connect } from "node:net";

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

export interface Child {
  child: ChildProcess;
  output(): string;
  /** Sends SIGTERM and resolves once it exited. */
  stop(): Promise<void>;
}

/** Starts `command`, keeping what it prints, and resolves once `port` on loopback takes connections. */
export async function startChild(
  command: string,
  args: string[],
  port: number,
  options: SpawnOptions = {},
): Promise<Child> {
  const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  // stdio is "pipe" above, so both streams are there.
  child.stdout.on("data", (d) => (text += String(d)));
  child.stderr.on("data", (d) => (text += String(d)));
  const failed = new Promise<never>((_, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${command} exited ${code}:\n${text}`)));
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const open = await Promise.race([portOpen(port), failed]);
    if (open) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${command} not listening on ${port} after 30 s:\n${text}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  failed.catch(() => {});
  return {
    child,
    output: () => text,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

import http from "node:http";
import type { HttpCase } from "./http-case.ts";

const REQUEST_TIMEOUT_MS = 30_000;

/** One send of a case: the status it was answered, or why no answer came. */
export interface Answer {
  status: number;
  error?: string;
  /**
   * Set when the server answered without `Connection: close` and then dropped the connection
   * anyway: a client that sends its next request on it (as keep-alive allows) loses it.
   */
  dropped?: string;
}

type Exchange = { status: number; close: boolean } | { error: string };

function request(
  agent: http.Agent,
  origin: URL,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Uint8Array,
): Promise<Exchange> {
  return new Promise((resolve) => {
    let req: http.ClientRequest;
    try {
      req = http.request({
        host: origin.hostname,
        port: origin.port,
        method,
        path,
        agent,
        headers: { ...headers, ...(body && { "content-length": String(body.byteLength) }) },
      });
    } catch (error) {
      resolve({ error: `not sent: ${(error as Error).message}` });
      return;
    }
    req.setTimeout(REQUEST_TIMEOUT_MS, () =>
      req.destroy(Object.assign(new Error("no answer in 30 s"), { code: "TIMEOUT" })),
    );
    req.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.on("response", (res) => {
      res.resume();
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, close: res.headers.connection?.toLowerCase() === "close" }),
      );
      res.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    });
    req.end(body);
  });
}

/**
 * Sends a case on a connection of its own, as each webhook sender and each member has theirs,
 * so one case's answer never depends on how another left a shared connection. When the server
 * keeps the connection open, a second request goes on it at once: a connection the server
 * says it keeps must take that request.
 */
export async function exchange(url: string, c: HttpCase): Promise<Answer> {
  const origin = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const first = await request(agent, origin, "POST", c.path, c.headers, c.body);
    if ("error" in first) return { status: 0, error: first.error };
    if (first.close) return { status: first.status };
    const next = await request(agent, origin, "GET", "/healthz", {});
    return "error" in next ? { status: first.status, dropped: next.error } : { status: first.status };
  } finally {
    agent.destroy();
  }
}

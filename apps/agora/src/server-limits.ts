import type { Server } from "node:http";
import type { AgoraEnv } from "./settings.ts";

/**
 * Options for `http.createServer` from the settings. Node checks the header and request
 * timeouts only every `connectionsCheckingInterval` (30 s by default), which would let a
 * 10 s limit run to 40 s, so the check runs every second.
 */
export function serverOptions(env: AgoraEnv) {
  return {
    headersTimeout: env.AGORA_HEADERS_TIMEOUT * 1000,
    // Node refuses a request timeout shorter than the headers timeout.
    requestTimeout: Math.max(env.AGORA_REQUEST_TIMEOUT, env.AGORA_HEADERS_TIMEOUT) * 1000,
    keepAliveTimeout: env.AGORA_KEEPALIVE_TIMEOUT * 1000,
    connectionsCheckingInterval: 1000,
  };
}

/** Limits set on the server once it exists (http.createServer takes no connection cap). */
export function limitConnections(server: Server, env: AgoraEnv): void {
  server.maxConnections = env.AGORA_MAX_CONNECTIONS;
}

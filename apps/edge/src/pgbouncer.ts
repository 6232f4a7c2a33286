import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startChild, type Child } from "./child.ts";

export interface Pgbouncer extends Child {
  port: number;
  /** `upstream` with its host and port replaced by the pooler's, and no password (the pooler has it). */
  url: string;
}

/** Debian's `pgbouncer` package installs it here; PGBOUNCER names another. */
const binary = () => process.env.PGBOUNCER ?? "/usr/sbin/pgbouncer";

/**
 * PgBouncer on a loopback port, in transaction mode, in front of the PostgreSQL of `upstreamUrl`
 * (any database on it, as the same user): what Hyperdrive is to a deployed worker. Clients are
 * not authenticated (loopback only); the pooler logs in upstream with the URL's credentials.
 */
export async function startPgbouncer(
  upstreamUrl: string,
  options: { port?: number; poolSize?: number } = {},
): Promise<Pgbouncer> {
  const upstream = new URL(upstreamUrl);
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), "agora-pgbouncer-"));
  const param = (name: string, value: string) =>
    value ? ` ${name}='${decodeURIComponent(value).replaceAll("'", "\\'")}'` : "";
  const ini = join(dir, "pgbouncer.ini");
  writeFileSync(
    ini,
    `[databases]
* = host=${upstream.hostname.replace(/^\[|\]$/g, "")} port=${upstream.port || 5432}${param("user", upstream.username || "postgres")}${param("password", upstream.password)}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = any
pool_mode = transaction
default_pool_size = ${options.poolSize ?? 20}
max_client_conn = 2000
ignore_startup_parameters = extra_float_digits,options
${process.getuid?.() === 0 ? "user = postgres\n" : ""}`,
  );
  const child = await startChild(binary(), [ini], port);
  const url = new URL(upstreamUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  url.password = "";
  return { ...child, port, url: url.toString() };
}

import pg from "pg";
import { sqlState } from "./errors.ts";

/**
 * The database could not be opened for a reason the operator fixes (no server, no database, a
 * refused login, a data folder that cannot be made). Its message is one line, says where and
 * what to do, and never holds the URL's password; the command line prints it without a stack.
 */
export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
}

/** Where a URL points, as node-postgres resolves it (a Unix socket's folder for `?host=/run/...`). */
function target(url: string) {
  const client = new pg.Client({ connectionString: url });
  const user = client.user as string | undefined;
  const host = client.host.includes(":") ? `[${client.host}]` : client.host;
  return {
    host: client.host,
    port: client.port,
    where: `${host}:${client.port}`,
    user,
    database: client.database ?? user,
  };
}

/**
 * Why connecting to `url` failed, as one line naming host and port and the fix; undefined for
 * a failure that is not about reaching the server, which is then reported as it is.
 */
export function describeConnectionFailure(url: string, error: unknown): string | undefined {
  const { host, port, where, user, database } = target(url);
  const code = (error as { code?: unknown } | null)?.code;
  const checkUrl = "is PostgreSQL running there, and is DATABASE_URL right?";
  // node-postgres's connect timeout, and a peer that hangs up before speaking, carry no code.
  if (error instanceof Error && /timeout expired|timeout exceeded|connection timeout/i.test(error.message)) {
    return `${where} (DATABASE_URL) did not answer within 10 s: ${checkUrl} Does a firewall stand between?`;
  }
  if (error instanceof Error && /^Connection terminated unexpectedly$/.test(error.message)) {
    return `${where} (DATABASE_URL) closed the connection before answering: ${checkUrl}`;
  }
  switch (sqlState(error) ?? code) {
    case "ECONNREFUSED":
    case "ENOENT":
      return `nothing answers at ${where} (DATABASE_URL): ${checkUrl}`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `the database host ${host} (DATABASE_URL) is not known to DNS: is DATABASE_URL right?`;
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `${where} (DATABASE_URL) cannot be reached (${String(code)}): ${checkUrl} Does a firewall stand between?`;
    case "3D000": {
      const as = user ? ` -U ${user}` : "";
      return `PostgreSQL at ${where} has no database "${database}": create it with \`createdb -h ${host} -p ${port}${as} ${database}\`, or fix DATABASE_URL`;
    }
    case "28P01":
    case "28000":
      return `PostgreSQL at ${where} refused the login${user ? ` of ${user}` : ""}: ${(error as Error).message}; check the user and password in DATABASE_URL`;
    case "57P03":
      return `PostgreSQL at ${where} is starting up or shutting down: try again in a moment`;
    default:
      return undefined;
  }
}

import { parseEnv, type Env } from "./env.ts";

/** How an edge worker reaches PostgreSQL: a Hyperdrive binding, else a `DATABASE_URL` variable. */
export interface DatabaseBindings {
  DATABASE_URL?: string;
  HYPERDRIVE?: { connectionString: string };
}

export type BindingsResult = { ok: true; env: Env; databaseUrl: string } | { ok: false; problems: string[] };

/**
 * An edge isolate's bindings read as the Node process reads its environment: the same names, the
 * same schema, problems that name the binding and never its value. Objects among them (Hyperdrive,
 * KV) are not settings; the database is required, since an isolate has no embedded one.
 */
export function parseBindings(bindings: DatabaseBindings & object): BindingsResult {
  const databaseUrl = bindings.HYPERDRIVE?.connectionString ?? bindings.DATABASE_URL;
  const strings = Object.fromEntries(
    Object.entries(bindings).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  const parsed = parseEnv({ ...strings, DATABASE_URL: databaseUrl });
  if (!parsed.ok) return parsed;
  if (!databaseUrl) return { ok: false, problems: ["DATABASE_URL: required (or a HYPERDRIVE binding)"] };
  return { ok: true, env: parsed.env, databaseUrl };
}

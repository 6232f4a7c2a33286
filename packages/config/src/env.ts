import { isIP } from "node:net";
import { z } from "zod";
import { describeIssues, MatrixUserId, readableErrors } from "@agora/schemas";

/**
 * Variables whose values must never be printed: the logger redacts them, and no problem
 * message below quotes any value at all, so a mistyped secret cannot leak through one.
 */
export const SECRET_ENV_NAMES = [
  "GITLAB_WEBHOOK_SECRET",
  "DISCOURSE_WEBHOOK_SECRET",
  "GITLAB_TOKEN",
  "MATRIX_ACCESS_TOKEN",
  "MATRIX_PASSWORD",
  "AGORA_ADMIN_TOKEN",
  // Usually carries the database password.
  "DATABASE_URL",
] as const;

/** True for any name that holds a credential, including ones Agora does not read itself. */
export function isSecretEnvName(name: string): boolean {
  return /SECRET|TOKEN|PASSWORD/i.test(name) || (SECRET_ENV_NAMES as readonly string[]).includes(name);
}

export const LogLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
  error: "must be one of fatal, error, warn, info, debug, trace, silent",
});
export type LogLevel = z.infer<typeof LogLevel>;

export const LogFormat = z.enum(["json", "pretty"], { error: "must be json or pretty" });
export type LogFormat = z.infer<typeof LogFormat>;

// Orchestrators and .env files often set a variable to "" to mean "not set".
const unsetWhenEmpty = (value: unknown) => (value === "" ? undefined : value);

function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(unsetWhenEmpty, schema.optional());
}

// A secret pasted from a file often ends with a newline that then never matches what the sender signs.
const Secret = z.string().refine((value) => value.trim() === value, "must not start or end with spaces or a newline");

const HttpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

const DatabaseUrl = z.string().refine((value) => /^postgres(?:ql)?:\/\/./.test(value) && URL.canParse(value), {
  error: "must be a PostgreSQL URL starting with postgres:// or postgresql://",
});

// `10.0.0.0/8, 192.168.1.5, fd00::/8`: addresses and CIDR ranges of reverse proxies.
const ProxyList = z.string().transform((value, ctx) => {
  const entries = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address = "", bits, ...rest] = entry.split("/");
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits);
    if (!family || !bitsOk || rest.length) {
      ctx.addIssue({ code: "custom", message: `"${entry}" is not an IP address or CIDR range like 10.0.0.0/8` });
      return z.NEVER;
    }
  }
  return entries;
});

const Port = z.coerce
  .number({ error: "must be a whole number from 1 to 65535" })
  .int("must be a whole number from 1 to 65535")
  .min(1, "must be a whole number from 1 to 65535")
  .max(65535, "must be a whole number from 1 to 65535");

const BYTE_UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  kb: 1000,
  kib: 1024,
  mb: 1e6,
  mib: 2 ** 20,
  gb: 1e9,
  gib: 2 ** 30,
};
const BODY_LIMIT_ERROR = "must be a size in bytes like 26214400, or with a unit like 25MiB";

/** Bytes, as a plain number or with a unit (`25MiB`, `10mb`). */
const ByteSize = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const match = /^\s*(\d+)\s*([kmg]i?b|b)?\s*$/i.exec(String(value));
  const bytes = match ? Number(match[1]) * (BYTE_UNITS[(match[2] ?? "").toLowerCase()] ?? NaN) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    ctx.addIssue({ code: "custom", message: BODY_LIMIT_ERROR });
    return z.NEVER;
  }
  return bytes;
});

export const DEFAULT_BODY_LIMIT = 25 * 2 ** 20;

/** The confidence from which triage acts alone (`AGORA_TRIAGE_THRESHOLD`), and `triage eval`'s default. */
export const DEFAULT_TRIAGE_THRESHOLD = 0.6;

const SECONDS_PER: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

/** A span of time in seconds, written with a unit (`500ms`, `30s`, `10m`, `72h`, `3d`) or as plain seconds. */
function Duration(example: string) {
  const message = `must be a duration like ${example} (a number with ms, s, m, h or d)`;
  return z.union([z.number(), z.string()]).transform((value, ctx) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(String(value));
    const seconds = match ? Number(match[1]) * (SECONDS_PER[(match[2] ?? "s").toLowerCase()] ?? NaN) : NaN;
    if (!Number.isFinite(seconds) || seconds <= 0) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return seconds;
  });
}

const Count = z.coerce
  .number({ error: "must be a whole number of at least 1" })
  .int("must be a whole number of at least 1")
  .min(1, "must be a whole number of at least 1");

/**
 * The environment Agora reads at start. `stdoutIsTTY` picks the default log format: readable
 * lines in a terminal, JSON lines for a log collector; it is a parameter so that the schema
 * never looks at the process it runs in.
 */
export function envSchema(stdoutIsTTY: boolean) {
  return z
    .object({
      PORT: z.preprocess(unsetWhenEmpty, Port.default(8080)),
      AGORA_DATA_DIR: z.preprocess(unsetWhenEmpty, z.string().default("./data")),
      DATABASE_URL: optional(DatabaseUrl),
      AGORA_CONFIG: z.preprocess(unsetWhenEmpty, z.string().default("config/community.example.yaml")),
      GITLAB_WEBHOOK_SECRET: optional(Secret),
      DISCOURSE_WEBHOOK_SECRET: optional(Secret),
      GITLAB_URL: optional(HttpUrl),
      GITLAB_TOKEN: optional(Secret),
      MATRIX_HOMESERVER_URL: optional(HttpUrl),
      MATRIX_ACCESS_TOKEN: optional(Secret),
      /** With MATRIX_PASSWORD, the bot logs in once and keeps the session, instead of MATRIX_ACCESS_TOKEN. */
      MATRIX_USER_ID: optional(MatrixUserId),
      MATRIX_PASSWORD: optional(Secret),
      AGORA_ADMIN_TOKEN: optional(Secret),
      /** A model file written by `agora triage train`; without it, bugs are routed by the community file's rules alone. */
      AGORA_TRIAGE_MODEL: optional(z.string()),
      /** The confidence at or above which triage acts alone; below it, it asks in the triage room. */
      AGORA_TRIAGE_THRESHOLD: z.preprocess(
        unsetWhenEmpty,
        z.coerce
          .number({ error: "must be a number between 0 and 1" })
          .min(0, "must be between 0 and 1")
          .max(1, "must be between 0 and 1")
          .default(DEFAULT_TRIAGE_THRESHOLD),
      ),
      /** Survey definitions (`*.yaml`, `*.json`) loaded at start; each is created, or updated when its file changed. */
      AGORA_SURVEYS_DIR: z.preprocess(unsetWhenEmpty, z.string().default("config/surveys")),
      /** The address members reach Agora at, for links in Matrix messages (such as a survey's results); `http://localhost:$PORT` by default. */
      AGORA_PUBLIC_URL: optional(HttpUrl),
      /** Reverse proxies whose X-Forwarded-For is believed, so rate limits see members, not the proxy. */
      AGORA_TRUSTED_PROXIES: z.preprocess(unsetWhenEmpty, ProxyList.default([])),
      AGORA_BODY_LIMIT: z.preprocess(unsetWhenEmpty, ByteSize.default(DEFAULT_BODY_LIMIT)),
      /** How long processed and invalid deliveries stay in the inbox, for a person to look at, before they are deleted. */
      AGORA_INBOX_RETENTION: z.preprocess(unsetWhenEmpty, Duration("3d").default(3 * 86400)),
      // Limits of the HTTP server: a webhook sender and a survey page send small requests quickly,
      // so a client that trickles its request is cut off long before Node's own 300 s.
      /** The most time a client may take to send a request's headers. */
      AGORA_HEADERS_TIMEOUT: z.preprocess(unsetWhenEmpty, Duration("10s").default(10)),
      /** The most time a client may take to send a whole request, body included. */
      AGORA_REQUEST_TIMEOUT: z.preprocess(unsetWhenEmpty, Duration("60s").default(60)),
      /** How long an idle kept-alive connection stays open for the client's next request. */
      AGORA_KEEPALIVE_TIMEOUT: z.preprocess(unsetWhenEmpty, Duration("5s").default(5)),
      /** Connections open at once; past it, new ones are closed at once. */
      AGORA_MAX_CONNECTIONS: z.preprocess(unsetWhenEmpty, Count.default(1024)),
      LOG_LEVEL: z.preprocess(unsetWhenEmpty, LogLevel.default("info")),
      AGORA_LOG_FORMAT: z.preprocess(unsetWhenEmpty, LogFormat.default(stdoutIsTTY ? "pretty" : "json")),
    })
    .superRefine((env, ctx) => {
      // A password alone cannot log in: the account it belongs to must be named.
      if (env.MATRIX_PASSWORD !== undefined && env.MATRIX_USER_ID === undefined) {
        ctx.addIssue({ code: "custom", path: ["MATRIX_USER_ID"], message: "must be set when MATRIX_PASSWORD is set" });
      }
    })
    .transform((env) => ({
      ...env,
      // Its default depends on PORT, so it is filled once both are read.
      AGORA_PUBLIC_URL: env.AGORA_PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    }));
}

/** The environment as parsed for a process whose output is not a terminal. */
export const Env = envSchema(false);
export type Env = z.infer<typeof Env>;

export type EnvResult = { ok: true; env: Env } | { ok: false; problems: string[] };

/**
 * Validates the variables Agora reads; others are ignored. Problems name the variable and
 * what is wrong with it, never its value.
 */
export function parseEnv(env: NodeJS.ProcessEnv, stdoutIsTTY = false): EnvResult {
  const result = envSchema(stdoutIsTTY).safeParse(env, { error: readableErrors });
  if (result.success) return { ok: true, env: result.data };
  return { ok: false, problems: describeIssues(result.error) };
}

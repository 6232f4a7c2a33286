import { generateKeyPairSync, randomBytes } from "node:crypto";
import path from "node:path";

export type RateLimits = "lifted" | "default";

// High enough that no test or benchmark ever meets them.
const unlimited = { per_second: 100_000, burst_count: 100_000 };

/** Every rc_* setting Synapse 1.163 reads that uses the per_second/burst_count shape. */
function liftedRateLimits(): Record<string, unknown> {
  return {
    rc_message: unlimited,
    rc_registration: unlimited,
    rc_registration_token_validity: unlimited,
    rc_login: { address: unlimited, account: unlimited, failed_attempts: unlimited },
    rc_admin_redaction: unlimited,
    rc_joins: { local: unlimited, remote: unlimited },
    rc_joins_per_room: unlimited,
    rc_invites: { per_room: unlimited, per_user: unlimited, per_issuer: unlimited },
    rc_third_party_invite: unlimited,
    rc_3pid_validation: unlimited,
    rc_key_requests: unlimited,
    rc_media_create: unlimited,
    rc_presence: { per_user: unlimited },
    rc_delayed_event_mgmt: unlimited,
    rc_room_creation: unlimited,
    rc_reports: unlimited,
    rc_user_directory: unlimited,
    rc_profile: unlimited,
  };
}

/**
 * Synapse's signing key file format: `ed25519 <version> <unpadded base64 seed>`. Written here
 * rather than with `--generate-keys`, which costs a second Python start of several seconds.
 */
export function signingKey(): string {
  const { privateKey } = generateKeyPairSync("ed25519");
  const seed = Buffer.from(privateKey.export({ format: "jwk" }).d as string, "base64url");
  const version = `a_${randomBytes(3).toString("hex")}`;
  return `ed25519 ${version} ${seed.toString("base64").replace(/=+$/, "")}\n`;
}

/** Python logging config: warnings and worse, to a file in the data directory. */
export function logConfig(dataDir: string): string {
  return JSON.stringify({
    version: 1,
    formatters: { plain: { format: "%(asctime)s %(levelname)s %(name)s: %(message)s" } },
    handlers: {
      file: { class: "logging.FileHandler", formatter: "plain", filename: path.join(dataDir, "homeserver.log") },
    },
    root: { level: "WARNING", handlers: ["file"] },
    disable_existing_loggers: false,
  });
}

/** homeserver.yaml, written as JSON (a subset of YAML) so no YAML library is needed. */
export function homeserverConfig(options: {
  dataDir: string;
  port: number;
  serverName: string;
  sharedSecret: string;
  rateLimits: RateLimits;
}): string {
  const { dataDir, port } = options;
  // Even with Synapse's defaults, registering and logging in test users must not be throttled.
  const rateLimits =
    options.rateLimits === "lifted"
      ? liftedRateLimits()
      : {
          rc_registration: unlimited,
          rc_login: { address: unlimited, account: unlimited, failed_attempts: unlimited },
        };
  return JSON.stringify(
    {
      server_name: options.serverName,
      public_baseurl: `http://127.0.0.1:${port}/`,
      pid_file: path.join(dataDir, "homeserver.pid"),
      listeners: [
        {
          port,
          bind_addresses: ["127.0.0.1"],
          type: "http",
          tls: false,
          x_forwarded: false,
          resources: [{ names: ["client"], compress: false }],
        },
      ],
      database: { name: "sqlite3", args: { database: path.join(dataDir, "homeserver.db") } },
      log_config: path.join(dataDir, "log-config.yaml"),
      media_store_path: path.join(dataDir, "media"),
      signing_key_path: path.join(dataDir, "signing.key"),
      registration_shared_secret: options.sharedSecret,
      macaroon_secret_key: randomBytes(32).toString("hex"),
      form_secret: randomBytes(32).toString("hex"),
      enable_registration: false,
      report_stats: false,
      enable_metrics: false,
      federation_domain_whitelist: [],
      trusted_key_servers: [],
      suppress_key_server_warning: true,
      url_preview_enabled: false,
      presence: { enabled: false },
      ...rateLimits,
    },
    null,
    2,
  );
}

import { describe, expect, it } from "vitest";
import { checkEnv, isSecretEnvName, parseEnv, SECRET_ENV_NAMES } from "../src/index.ts";

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  const result = parseEnv(env);
  if (result.ok) throw new Error("expected problems, the environment was accepted");
  return result.problems;
}

describe("parseEnv", () => {
  it("fills every default", () => {
    expect(parseEnv({})).toEqual({
      ok: true,
      env: {
        PORT: 8080,
        AGORA_DATA_DIR: "./data",
        AGORA_CONFIG: "config/community.example.yaml",
        AGORA_BODY_LIMIT: 26214400,
        AGORA_INBOX_RETENTION: 259200,
        AGORA_HEADERS_TIMEOUT: 10,
        AGORA_REQUEST_TIMEOUT: 60,
        AGORA_KEEPALIVE_TIMEOUT: 5,
        AGORA_MAX_CONNECTIONS: 1024,
        AGORA_TRIAGE_THRESHOLD: 0.6,
        AGORA_SURVEYS_DIR: "config/surveys",
        AGORA_TRUSTED_PROXIES: [],
        LOG_LEVEL: "info",
        AGORA_LOG_FORMAT: "json",
        AGORA_PUBLIC_URL: "http://localhost:8080",
      },
    });
  });

  it("writes readable logs to a terminal unless told otherwise", () => {
    expect(parseEnv({}, true)).toMatchObject({ ok: true, env: { AGORA_LOG_FORMAT: "pretty" } });
    expect(parseEnv({ AGORA_LOG_FORMAT: "json" }, true)).toMatchObject({ ok: true, env: { AGORA_LOG_FORMAT: "json" } });
  });

  it("reads set values and treats an empty one as unset", () => {
    const result = parseEnv({
      PORT: "3000",
      DATABASE_URL: "postgresql://agora:pw@db:5432/agora",
      GITLAB_WEBHOOK_SECRET: "s3cret-value",
      GITLAB_URL: "https://gitlab.example.org",
      MATRIX_ACCESS_TOKEN: "",
      AGORA_BODY_LIMIT: "1048576",
      LOG_LEVEL: "",
      HOME: "/root",
    });
    expect(result).toEqual({
      ok: true,
      env: {
        PORT: 3000,
        AGORA_DATA_DIR: "./data",
        DATABASE_URL: "postgresql://agora:pw@db:5432/agora",
        AGORA_CONFIG: "config/community.example.yaml",
        GITLAB_WEBHOOK_SECRET: "s3cret-value",
        GITLAB_URL: "https://gitlab.example.org",
        AGORA_BODY_LIMIT: 1048576,
        AGORA_INBOX_RETENTION: 259200,
        AGORA_HEADERS_TIMEOUT: 10,
        AGORA_REQUEST_TIMEOUT: 60,
        AGORA_KEEPALIVE_TIMEOUT: 5,
        AGORA_MAX_CONNECTIONS: 1024,
        AGORA_TRIAGE_THRESHOLD: 0.6,
        AGORA_SURVEYS_DIR: "config/surveys",
        AGORA_TRUSTED_PROXIES: [],
        LOG_LEVEL: "info",
        AGORA_LOG_FORMAT: "json",
        AGORA_PUBLIC_URL: "http://localhost:3000",
      },
    });
  });

  it("accepts a body limit with a unit", () => {
    expect(parseEnv({ AGORA_BODY_LIMIT: "25MiB" })).toMatchObject({ env: { AGORA_BODY_LIMIT: 26214400 } });
    expect(parseEnv({ AGORA_BODY_LIMIT: "10 kb" })).toMatchObject({ env: { AGORA_BODY_LIMIT: 10000 } });
  });

  it("reads durations with a unit or as seconds, and names one it cannot read", () => {
    expect(
      parseEnv({ AGORA_INBOX_RETENTION: "72h", AGORA_HEADERS_TIMEOUT: "500ms", AGORA_REQUEST_TIMEOUT: "90" }),
    ).toMatchObject({
      env: { AGORA_INBOX_RETENTION: 259200, AGORA_HEADERS_TIMEOUT: 0.5, AGORA_REQUEST_TIMEOUT: 90 },
    });
    expect(problemsOf({ AGORA_INBOX_RETENTION: "forever", AGORA_MAX_CONNECTIONS: "0" })).toEqual([
      "AGORA_INBOX_RETENTION: must be a duration like 3d (a number with ms, s, m, h or d)",
      "AGORA_MAX_CONNECTIONS: must be a whole number of at least 1",
    ]);
  });

  it("reads the triage model path and threshold, and names a threshold outside 0 to 1", () => {
    expect(parseEnv({ AGORA_TRIAGE_MODEL: "data/triage-model.json", AGORA_TRIAGE_THRESHOLD: "0.75" })).toMatchObject({
      env: { AGORA_TRIAGE_MODEL: "data/triage-model.json", AGORA_TRIAGE_THRESHOLD: 0.75 },
    });
    for (const AGORA_TRIAGE_THRESHOLD of ["1.5", "-0.1", "high"]) {
      expect(problemsOf({ AGORA_TRIAGE_THRESHOLD })).toEqual([
        AGORA_TRIAGE_THRESHOLD === "high"
          ? "AGORA_TRIAGE_THRESHOLD: must be a number between 0 and 1"
          : "AGORA_TRIAGE_THRESHOLD: must be between 0 and 1",
      ]);
    }
  });

  it("names a bad port", () => {
    for (const PORT of ["0", "65536", "http", "80.5"]) {
      expect(problemsOf({ PORT })).toEqual(["PORT: must be a whole number from 1 to 65535"]);
    }
  });

  it("lists every bad variable at once", () => {
    expect(
      problemsOf({
        AGORA_BODY_LIMIT: "lots",
        LOG_LEVEL: "loud",
        AGORA_LOG_FORMAT: "xml",
        MATRIX_HOMESERVER_URL: "matrix.org",
      }),
    ).toEqual([
      "MATRIX_HOMESERVER_URL: must be an http(s) URL",
      "AGORA_BODY_LIMIT: must be a size in bytes like 26214400, or with a unit like 25MiB",
      "LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent",
      "AGORA_LOG_FORMAT: must be json or pretty",
    ]);
  });
});

describe("secrets", () => {
  it("never appear in problems, only their names", () => {
    const env = {
      PORT: "not-a-port",
      DATABASE_URL: "mysql://agora:hunter2-db-password@db/agora",
      GITLAB_WEBHOOK_SECRET: "gitlab-hook-secret-1\n",
      DISCOURSE_WEBHOOK_SECRET: " discourse-hook-secret-2",
      GITLAB_TOKEN: "glpat-token-3 ",
      MATRIX_ACCESS_TOKEN: "\tsyt_matrix_token_4",
      AGORA_ADMIN_TOKEN: "admin-token-5\r\n",
    };
    const problems = problemsOf(env);
    expect(problems.map((problem) => problem.split(":")[0])).toEqual([
      "PORT",
      "DATABASE_URL",
      "GITLAB_WEBHOOK_SECRET",
      "DISCOURSE_WEBHOOK_SECRET",
      "GITLAB_TOKEN",
      "MATRIX_ACCESS_TOKEN",
      "AGORA_ADMIN_TOKEN",
    ]);
    const text = problems.join("\n");
    for (const secret of [
      "hunter2",
      "gitlab-hook-secret",
      "discourse-hook-secret",
      "glpat",
      "syt_matrix",
      "admin-token",
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it("include the bot's Matrix password, which is never echoed and needs its account", () => {
    expect(SECRET_ENV_NAMES).toContain("MATRIX_PASSWORD");
    expect(problemsOf({ MATRIX_PASSWORD: "correct-horse-6 " })).toEqual([
      "MATRIX_PASSWORD: must not start or end with spaces or a newline",
      "MATRIX_USER_ID: must be set when MATRIX_PASSWORD is set",
    ]);
    expect(problemsOf({ MATRIX_USER_ID: "agora", MATRIX_PASSWORD: "correct-horse-6" }).join("\n")).not.toContain(
      "correct-horse",
    );
    expect(parseEnv({ MATRIX_USER_ID: "@agora:example.org", MATRIX_PASSWORD: "correct-horse-6" })).toMatchObject({
      ok: true,
      env: { MATRIX_USER_ID: "@agora:example.org", MATRIX_PASSWORD: "correct-horse-6" },
    });
  });

  it("are all named for the logger to redact", () => {
    for (const name of SECRET_ENV_NAMES) expect(isSecretEnvName(name)).toBe(true);
    expect(isSecretEnvName("SMTP_PASSWORD")).toBe(true);
    expect(isSecretEnvName("PORT")).toBe(false);
    expect(isSecretEnvName("GITLAB_URL")).toBe(false);
  });
});

describe("AGORA_TRUSTED_PROXIES", () => {
  it("takes addresses and CIDR ranges, and names an entry that is neither", () => {
    expect(parseEnv({ AGORA_TRUSTED_PROXIES: "10.0.0.0/8, 127.0.0.1 ,fd00::/8" })).toMatchObject({
      env: { AGORA_TRUSTED_PROXIES: ["10.0.0.0/8", "127.0.0.1", "fd00::/8"] },
    });
    expect(parseEnv({ AGORA_TRUSTED_PROXIES: "10.0.0.0/33" })).toEqual({
      ok: false,
      problems: ['AGORA_TRUSTED_PROXIES: "10.0.0.0/33" is not an IP address or CIDR range like 10.0.0.0/8'],
    });
    expect(parseEnv({ AGORA_TRUSTED_PROXIES: "proxy.local" })).toMatchObject({ ok: false });
  });
});

describe("checkEnv", () => {
  it("puts each problem on a line of its own, naming the variable and never its value", () => {
    expect(checkEnv({ PORT: "eighty", DATABASE_URL: "mysql://u:hunter2@db/x" })).toEqual({
      ok: false,
      lines: [
        "invalid environment variable PORT: must be a whole number from 1 to 65535",
        "invalid environment variable DATABASE_URL: must be a PostgreSQL URL starting with postgres:// or postgresql://",
      ],
    });
  });

  it("reads an empty path as unset, so that its default applies", () => {
    expect(checkEnv({ AGORA_DATA_DIR: "", AGORA_CONFIG: "", AGORA_SURVEYS_DIR: "" })).toMatchObject({
      ok: true,
      env: {
        AGORA_DATA_DIR: "./data",
        AGORA_CONFIG: "config/community.example.yaml",
        AGORA_SURVEYS_DIR: "config/surveys",
      },
    });
  });
});

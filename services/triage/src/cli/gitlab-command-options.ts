/**
 * The options every command that talks to GitLab takes: the instance, the env var holding the
 * token (never the token itself, which would land in shell history), projects, the community file
 * (AGORA_CONFIG when `--config` is not given).
 */
export const gitlabCommandOptions = {
  url: { type: "string" },
  "token-env": { type: "string", default: "GITLAB_TOKEN" },
  project: { type: "string", multiple: true, default: [] as string[] },
  config: { type: "string" },
} as const;

/** The GitLab token from the env var `--token-env` names; undefined, with the reason written to `err`, when it is unset. */
export function gitlabToken(
  env: Record<string, string | undefined>,
  tokenEnv: string,
  err: (line: string) => void,
): string | undefined {
  const token = env[tokenEnv];
  if (!token) err(`the environment variable ${tokenEnv} (named by --token-env) is not set`);
  return token || undefined;
}

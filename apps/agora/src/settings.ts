import { loadCommunityFile, parseEnv, type Env } from "@agora/config";
import type { Community } from "@agora/schemas";

export type AgoraEnv = Env;

export type Settings = { ok: true; env: AgoraEnv; community: Community } | { ok: false; problems: string[] };

/**
 * Reads the environment and the community file once, at start. Either both are valid, or the
 * result lists every problem of both, so one failed start shows all there is to fix.
 */
export function loadSettings(processEnv: NodeJS.ProcessEnv, stdoutIsTTY: boolean): Settings {
  const env = parseEnv(processEnv, stdoutIsTTY);
  if (!env.ok) return { ok: false, problems: ["agora: the environment is invalid:", ...env.problems.map((p) => `  ${p}`)] };
  const community = loadCommunityFile(env.env.AGORA_CONFIG);
  if (!community.ok) {
    return { ok: false, problems: [`agora: the community file ${env.env.AGORA_CONFIG} is invalid:`, ...community.problems.map((p) => `  ${p}`)] };
  }
  return { ok: true, env: env.env, community: community.community };
}

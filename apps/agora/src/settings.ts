import { checkEnv, loadCommunityFile, type Env } from "@agora/config";
import type { Community } from "@agora/schemas";
import { readSurveyFiles, type SurveyFile } from "@agora/surveys";

export type AgoraEnv = Env;

export type Settings =
  { ok: true; env: AgoraEnv; community: Community; surveyFiles: SurveyFile[] } | { ok: false; problems: string[] };

/**
 * Reads the environment, the community file and the survey files once, at start. Either all are
 * valid, or the result lists every problem of them, so one failed start shows all there is to fix.
 */
export function loadSettings(processEnv: NodeJS.ProcessEnv, stdoutIsTTY: boolean): Settings {
  const env = checkEnv(processEnv, stdoutIsTTY);
  if (!env.ok) return { ok: false, problems: env.lines.map((line) => `agora: ${line}`) };
  const community = loadCommunityFile(env.env.AGORA_CONFIG);
  if (!community.ok) {
    return {
      ok: false,
      problems: [
        `agora: the community file ${env.env.AGORA_CONFIG} is invalid:`,
        ...community.problems.map((p) => `  ${p}`),
      ],
    };
  }
  const surveys = readSurveyFiles(env.env.AGORA_SURVEYS_DIR);
  if (!surveys.ok) {
    return {
      ok: false,
      problems: [
        `agora: survey files in ${env.env.AGORA_SURVEYS_DIR} are invalid:`,
        ...surveys.problems.map((p) => `  ${p}`),
      ],
    };
  }
  return { ok: true, env: env.env, community: community.community, surveyFiles: surveys.files };
}

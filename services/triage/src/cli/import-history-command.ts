import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadCommunityFile } from "@agora/config";
import { createGitlabApi, GitlabCallError, rateLimitPatient } from "@agora/gitlab";
import { importHistory, toJsonl } from "../history/import-history.ts";
import { terminal, type Output } from "./train-command.ts";
import { commandSettings } from "./command-settings.ts";
import { missingUsage, usageProblem, type CommandSpec } from "./command-spec.ts";
import { gitlabCommandOptions, gitlabToken } from "./gitlab-command-options.ts";

export const importHistoryCommand = {
  name: "agora triage import-history",
  usage:
    "agora triage import-history --url URL [--token-env GITLAB_TOKEN] --project ID [--project ID …] --out history.jsonl [--per-page 100] [--config community.yaml]",
  summary: "closed issues with one SIG label, as training data (the token only from the env)",
  options: { ...gitlabCommandOptions, out: { type: "string" }, "per-page": { type: "string", default: "100" } },
} as const satisfies CommandSpec;

/**
 * `agora triage import-history`; returns the exit code. The token is read from the environment
 * variable `--token-env` names, so it never sits in argv (visible in `ps`) or shell history.
 */
export async function runImportHistory(
  args: string[],
  output: Output = terminal,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const { values } = parseArgs({ args, options: importHistoryCommand.options });
  if (!values.url || !values.out || values.project.length === 0) {
    return missingUsage(output, importHistoryCommand, values, ["url", "project", "out"]);
  }
  const badProject = values.project.find((project) => !/^[1-9]\d*$/.test(project));
  if (badProject !== undefined)
    return usageProblem(
      output,
      importHistoryCommand,
      `--project must be a project id (a positive whole number), not ${badProject}`,
    );
  const projectIds = values.project.map(Number);
  const perPage = Number(values["per-page"]);
  if (!(Number.isInteger(perPage) && perPage >= 1 && perPage <= 100)) {
    return usageProblem(
      output,
      importHistoryCommand,
      `--per-page must be a whole number from 1 to 100, not ${values["per-page"]}`,
    );
  }
  const settings = commandSettings(env, output);
  if (!settings) return 1;
  const token = gitlabToken(env, values["token-env"], output.err);
  if (!token) return 2;
  const community = loadCommunityFile(values.config ?? settings.AGORA_CONFIG);
  if (!community.ok) {
    output.err(community.problems.join("\n"));
    return 2;
  }
  try {
    // Hundreds of pages in a row can meet GitLab's rate limit: wait as it says, then go on.
    const gitlab = rateLimitPatient(createGitlabApi({ url: values.url, token }), {
      limitMs: 5 * 60_000,
      onWait: (waitMs) => output.err(`GitLab asked to wait ${Math.ceil(waitMs / 1000)} s; waiting`),
    });
    const history = await importHistory({
      ctx: { gitlab, community: community.community },
      input: { projectIds, perPage },
    });
    writeFileSync(values.out, toJsonl(history.examples));
    output.out(
      `${history.examples.length} examples → ${values.out}; read ${history.read} labelled closed issues, skipped ` +
        `${history.skippedNoSig} with no SIG label, ${history.skippedSeveralSigs} with several, ${history.skippedConfidential} confidential`,
    );
    return 0;
  } catch (error) {
    output.err(describeFailure(error, values.url));
    return 1;
  }
}

/** GitLab's reason, never the request: gitbeaker's errors carry its headers, and with them the token. */
export function describeFailure(error: unknown, url: string): string {
  if (error instanceof GitlabCallError && error.failure.kind === "forbidden") {
    return `GitLab at ${url} refused the token (${error.failure.status}): it needs the api or read_api scope and access to the project`;
  }
  if (error instanceof GitlabCallError) return `GitLab at ${url} failed: ${error.message}`;
  return `import failed: ${(error as Error).message}`;
}

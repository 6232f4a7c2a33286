import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadCommunityFile } from "@agora/config";
import { createGitlabApi, GitlabCallError, rateLimitPatient } from "@agora/gitlab";
import { importHistory, toJsonl } from "../history/import-history.ts";
import { terminal, type Output } from "./train-command.ts";
import { gitlabCommandOptions, gitlabToken } from "./gitlab-command-options.ts";

const usage =
  "usage: agora triage import-history --url URL --token-env GITLAB_TOKEN --project ID [--project ID …] --out history.jsonl [--config community.yaml]";

/**
 * `agora triage import-history`; returns the exit code. The token is read from the environment
 * variable `--token-env` names, so it never sits in argv (visible in `ps`) or shell history.
 */
export async function runImportHistory(
  args: string[],
  output: Output = terminal,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...gitlabCommandOptions(env),
      out: { type: "string" },
      "per-page": { type: "string", default: "100" },
    },
  });
  const projectIds = values.project.map(Number);
  const perPage = Number(values["per-page"]);
  if (!values.url || !values.out || projectIds.length === 0 || projectIds.some((id) => !Number.isInteger(id) || id <= 0)) {
    output.err(usage);
    return 2;
  }
  if (!(Number.isInteger(perPage) && perPage >= 1 && perPage <= 100)) {
    output.err("--per-page must be an integer from 1 to 100");
    return 2;
  }
  const token = gitlabToken(env, values["token-env"], output.err);
  if (!token) return 2;
  const community = loadCommunityFile(values.config);
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
    const history = await importHistory({ ctx: { gitlab, community: community.community }, input: { projectIds, perPage } });
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

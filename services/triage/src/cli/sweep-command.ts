import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadCommunityFile } from "@agora/config";
import { createGitlabApi } from "@agora/gitlab";
import { applySweep } from "../sweeps/apply-sweep.ts";
import { planSweep, type PlannedAction } from "../sweeps/plan-sweep.ts";
import { parsePolicies } from "../sweeps/triage-policy.ts";
import { describeFailure } from "./import-history-command.ts";
import { terminal, type Output } from "./train-command.ts";

const usage =
  "usage: agora triage sweep --url URL --token-env GITLAB_TOKEN --project ID [--project ID …] [--policies triage.policies.json | --config community.yaml] [--dry-run]";

export interface SweepCommandDeps {
  /** Where the digest goes; without it the digest is printed, for an operator or cron mail to pass on. */
  postDigest?: (lines: string[]) => Promise<void>;
  now?: () => Date;
}

/** `agora triage sweep`; returns the exit code (1 when GitLab refused any action). The token comes from the environment. */
export async function runSweep(
  args: string[],
  output: Output = terminal,
  env: Record<string, string | undefined> = process.env,
  deps: SweepCommandDeps = {},
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: "string" },
      "token-env": { type: "string", default: "GITLAB_TOKEN" },
      project: { type: "string", multiple: true, default: [] },
      policies: { type: "string" },
      config: { type: "string", default: env.AGORA_CONFIG ?? "config/community.example.yaml" },
      "dry-run": { type: "boolean", default: false },
    },
  });
  const projectIds = values.project.map(Number);
  if (!values.url || projectIds.length === 0 || projectIds.some((id) => !Number.isInteger(id) || id <= 0)) {
    output.err(usage);
    return 2;
  }
  const token = env[values["token-env"]];
  if (!token) {
    output.err(`the environment variable ${values["token-env"]} (named by --token-env) is not set`);
    return 2;
  }
  let policies;
  if (values.policies) {
    try {
      policies = parsePolicies(readFileSync(values.policies, "utf8"), values.policies);
    } catch (error) {
      output.err((error as Error).message);
      return 2;
    }
  } else {
    // Without --policies, the community file's `triage:` section holds them.
    const community = loadCommunityFile(values.config);
    if (!community.ok) {
      output.err([`${values.config} is invalid:`, ...community.problems.map((p) => `  ${p}`)].join("\n"));
      return 2;
    }
    if (!community.community.triage) {
      output.err(`${values.config} has no triage: section with policies; add one or give --policies FILE`);
      return 2;
    }
    policies = community.community.triage;
  }
  try {
    const gitlab = createGitlabApi({ url: values.url, token });
    const plan = await planSweep({ ctx: { gitlab, now: deps.now?.() ?? new Date() }, input: { policies, projectIds } });
    if (values["dry-run"]) {
      output.out(`dry run: ${plan.length} action(s) would be taken, none were`);
      for (const planned of plan) output.out(describeAction(planned));
      return 0;
    }
    const postDigest = deps.postDigest ?? (async (lines: string[]) => lines.forEach((line) => output.out(`digest: ${line}`)));
    const result = await applySweep({ ctx: { gitlab, postDigest }, input: { plan } });
    for (const planned of result.done) output.out(describeAction(planned));
    for (const { planned, reason } of result.failed) output.err(`failed: ${describeAction(planned)}: ${reason}`);
    return result.failed.length > 0 ? 1 : 0;
  } catch (error) {
    output.err(describeFailure(error, values.url));
    return 1;
  }
}

function describeAction({ issue, action, policy, why }: PlannedAction): string {
  return `${action} ${issue.projectId}#${issue.iid} [${policy}]: ${why}`;
}

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadCommunityFile } from "@agora/config";
import { createGitlabApi, GitlabCallError, rateLimitPatient } from "@agora/gitlab";
import { SweptProject, type Community, type NotifySend, type TriagePolicies } from "@agora/schemas";
import type { PlannedAction } from "../sweeps/plan-sweep.ts";
import { sweptProjects } from "../sweeps/resolve-projects.ts";
import { runTriageSweep } from "../sweeps/run-sweep.ts";
import { parsePolicies } from "../sweeps/triage-policy.ts";
import { enqueueNeedsInfoPings } from "../sweeps/needs-info-pings.ts";
import { enqueueNotifyInAgoraDatabase, inAgoraQueue } from "./enqueue-notify.ts";
import { describeFailure } from "./import-history-command.ts";
import { terminal, type Output } from "./train-command.ts";
import { commandSettings } from "./command-settings.ts";
import { missingUsage, usageProblem, type CommandSpec } from "./command-spec.ts";
import { gitlabCommandOptions, gitlabToken } from "./gitlab-command-options.ts";

export const sweepCommand = {
  name: "agora triage sweep",
  usage:
    "agora triage sweep --url URL [--token-env GITLAB_TOKEN] [--project ID-or-group/project …] [--policies triage.policies.json] [--config community.yaml] [--dry-run]",
  summary:
    "the triage: section's policies now (the workers also run them on its schedule); the digest goes to the\n" +
    "triage room; --dry-run prints what would happen and changes nothing",
  options: { ...gitlabCommandOptions, policies: { type: "string" }, "dry-run": { type: "boolean", default: false } },
} as const satisfies CommandSpec;

export interface SweepCommandDeps {
  /** Enqueues the digest's notify job; by default in Agora's database (DATABASE_URL or AGORA_DATA_DIR). */
  enqueueNotify?: (job: NotifySend) => Promise<void>;
  /** Tells SIG rooms of bugs waiting on needs-info; by default in Agora's database, as the digest. */
  pingWaiting?: (plan: PlannedAction[]) => Promise<number>;
  now?: () => Date;
}

/**
 * `agora triage sweep`; returns the exit code (1 when GitLab refused any action). The token comes
 * from the environment. Policies, the projects (unless `--project`) and the triage room come from
 * the community file; `--policies` takes the policies from a file of their own instead.
 */
export async function runSweep(
  args: string[],
  output: Output = terminal,
  env: Record<string, string | undefined> = process.env,
  deps: SweepCommandDeps = {},
): Promise<number> {
  const { values } = parseArgs({ args, options: sweepCommand.options });
  if (!values.url) return missingUsage(output, sweepCommand, values, ["url"]);
  const given = values.project.map((p) => SweptProject.safeParse(/^\d+$/.test(p) ? Number(p) : p));
  const badProject = given.findIndex((p) => !p.success);
  if (badProject >= 0) {
    return usageProblem(
      output,
      sweepCommand,
      `--project must be a project id or a path like group/project, not ${values.project[badProject]}`,
    );
  }
  const settings = commandSettings(env, output);
  if (!settings) return 1;
  const config = values.config ?? settings.AGORA_CONFIG;
  const token = gitlabToken(env, values["token-env"], output.err);
  if (!token) return 2;
  const dryRun = values["dry-run"];
  // A dry run with its own policies and projects needs nothing from the community file.
  const needsCommunity = !values.policies || given.length === 0 || !dryRun;
  let community: Community | undefined;
  if (needsCommunity) {
    const loaded = loadCommunityFile(config);
    if (!loaded.ok) {
      output.err([`${config} is invalid:`, ...loaded.problems.map((p) => `  ${p}`)].join("\n"));
      return 2;
    }
    community = loaded.community;
  }
  let policies: TriagePolicies;
  if (values.policies) {
    try {
      policies = parsePolicies(readFileSync(values.policies, "utf8"), values.policies);
    } catch (error) {
      output.err((error as Error).message);
      return 2;
    }
  } else if (community?.triage) {
    policies = community.triage;
  } else {
    output.err(`${config} has no triage: section with policies; add one or give --policies FILE`);
    return 2;
  }
  const projects = sweptProjects(
    community,
    given.flatMap((p) => (p.success ? [p.data] : [])),
  );
  if (projects.length === 0) {
    return usageProblem(
      output,
      sweepCommand,
      `no project to sweep: give --project, or list them in ${config} (triage.projects or sigs[].gitlab.projects)`,
    );
  }

  const now = deps.now?.() ?? new Date();
  try {
    const run = await runTriageSweep({
      ctx: {
        gitlab: rateLimitPatient(createGitlabApi({ url: values.url, token }), {
          limitMs: 5 * 60_000,
          onWait: (waitMs) => output.err(`GitLab asked to wait ${Math.ceil(waitMs / 1000)} s; waiting`),
        }),
        now,
        triageRoom: community?.matrix?.triage_room,
        enqueueNotify: deps.enqueueNotify ?? ((job) => enqueueNotifyInAgoraDatabase(settings, job)),
        ...(community
          ? { pingWaiting: deps.pingWaiting ?? ((plan) => pingWaitingInAgoraDatabase(settings, community, plan, now)) }
          : {}),
      },
      input: { policies, projects, dryRun },
    });
    for (const path of run.unknownProjects) output.err(`GitLab at ${values.url} knows no project ${path}; not swept`);
    if (!run.result) {
      output.out(`dry run: ${run.plan.length} action(s) would be taken, none were`);
      for (const planned of run.plan) output.out(describeAction(planned));
      return run.unknownProjects.length > 0 ? 1 : 0;
    }
    for (const planned of run.result.done) output.out(describeAction(planned));
    for (const { planned, reason } of run.result.failed) output.err(`failed: ${describeAction(planned)}: ${reason}`);
    if (run.digest) output.out(`digest: enqueued for ${run.digest.room} (${run.digest.dedupeKey})`);
    if (run.pinged) output.out(`needs-info: ${run.pinged} waiting bug(s) told in their SIG's room`);
    if (run.unpostedDigest) {
      output.err(`${config} names no matrix.triage_room; the digest is printed instead:`);
      for (const line of run.unpostedDigest) output.out(`digest: ${line}`);
    }
    return run.result.failed.length > 0 || run.unknownProjects.length > 0 ? 1 : 0;
  } catch (error) {
    output.err(
      error instanceof GitlabCallError
        ? describeFailure(error, values.url)
        : `sweep failed: ${(error as Error).message}`,
    );
    return 1;
  }
}

function describeAction({ issue, action, policy, why }: PlannedAction): string {
  return `${action} ${issue.projectId}#${issue.iid} [${policy}]: ${why}`;
}

/** Only bugs a policy found waiting, for a SIG that wants to hear of them, cost opening the database. */
async function pingWaitingInAgoraDatabase(
  settings: Parameters<typeof inAgoraQueue>[0],
  community: Community,
  plan: PlannedAction[],
  now: Date,
): Promise<number> {
  if (!community.sigs.some((sig) => sig.pings?.on.includes("needs-info"))) return 0;
  if (!plan.some((p) => p.condition === "needs_info" && p.action !== "close")) return 0;
  return inAgoraQueue(settings, (agora) => enqueueNeedsInfoPings(agora, { community, plan, now }));
}

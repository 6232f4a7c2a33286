import type { NotifySend, SweptProject, TriagePolicies } from "@agora/schemas";
import { applySweep, type SweepResult } from "./apply-sweep.ts";
import { planSweep, type PlannedAction } from "./plan-sweep.ts";
import { resolveProjects } from "./resolve-projects.ts";
import { sweepDigestMessage } from "./sweep-digest.ts";
import type { SweepGitlab } from "./sweep-gitlab.ts";

export interface SweepRunContext {
  gitlab: SweepGitlab;
  now: Date;
  /** `matrix.triage_room` of the community file; without one the digest is handed back unposted. */
  triageRoom: string | undefined;
  /** Enqueues the digest's notify job. */
  enqueueNotify(job: NotifySend): Promise<void>;
  /** Tells SIG rooms of the bugs left waiting on needs-info (`needs-info-pings.ts`); resolves with how many. */
  pingWaiting?(plan: PlannedAction[]): Promise<number>;
}

export interface SweepRun {
  plan: PlannedAction[];
  /** What was done and what GitLab refused; null on a dry run. */
  result: SweepResult | null;
  /** Project paths GitLab does not know; the others were swept. */
  unknownProjects: string[];
  /** The digest's notify job, when one was enqueued. */
  digest: NotifySend | undefined;
  /** The digest's lines when there is no triage room to post them in. */
  unpostedDigest: string[] | undefined;
  /** How many bugs waiting on needs-info were told in their SIG's room. */
  pinged: number;
}

/**
 * One sweep, as the scheduled job and `agora triage sweep` run it: resolve the projects, plan, and
 * unless it is a dry run, act on GitLab, enqueue the digest for the triage room and tell SIG rooms
 * of the bugs waiting on needs-info. A dry run only
 * reads GitLab and enqueues nothing.
 */
export async function runTriageSweep({
  ctx,
  input,
}: {
  ctx: SweepRunContext;
  input: { policies: TriagePolicies; projects: SweptProject[]; dryRun: boolean };
}): Promise<SweepRun> {
  const { projectIds, unknown } = await resolveProjects({ ctx, input: { projects: input.projects } });
  const plan = await planSweep({ ctx, input: { policies: input.policies, projectIds } });
  const run: SweepRun = {
    plan,
    result: null,
    unknownProjects: unknown,
    digest: undefined,
    unpostedDigest: undefined,
    pinged: 0,
  };
  if (input.dryRun) return run;
  const postDigest = async (lines: string[]) => {
    if (!ctx.triageRoom) {
      run.unpostedDigest = lines;
      return;
    }
    run.digest = sweepDigestMessage({ room: ctx.triageRoom, lines, now: ctx.now });
    await ctx.enqueueNotify(run.digest);
  };
  run.result = await applySweep({ ctx: { gitlab: ctx.gitlab, postDigest }, input: { plan } });
  if (ctx.pingWaiting) run.pinged = await ctx.pingWaiting(plan);
  return run;
}

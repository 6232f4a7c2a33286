import { claimPings, findMatrixMessage, listSentMatrixMessageKeys, type Sql } from "@agora/db";
import { notifyJob, type JobSender } from "@agora/queue";
import {
  GitlabPipelineHook,
  GitlabPushHook,
  GitlabReleaseHook,
  type Community,
  type DeliveryConsumer,
  type GitlabIssueHook,
  type GitlabMergeRequestHook,
  type GitlabNoteHook,
  type GitlabWebhook,
  type NotifySend,
  type Sig,
} from "@agora/schemas";
import { issueStateLine, mergeRequestLine, mergeRequestVerb, noteLine, pipelineLine, pushLine, releaseLine, type ActivityLine } from "./activity-messages.ts";
import { sigPeopleToPing, withPings } from "./room-pings.ts";
import { triageMessageKey } from "./routing-message.ts";

export interface ProjectActivityDeps {
  community: Community;
  logger: { info(fields: object, message?: string): void };
  /** Where notify jobs go, in the delivery's transaction. */
  queue: JobSender;
  /** For pings' quiet hours and their once-a-day limit; the system clock by default. */
  now?: () => Date;
}

const ZERO_SHA = /^0+$/;

/**
 * Merge requests, comments, pipelines, releases, tags and pushes, told in the rooms of the SIGs
 * that list the project in the community file (or whose label a merge request carries), one
 * linked line each, in the spirit of GitLab's own chat notifications. Not every event: a merge
 * request opened, reopened, closed, merged, approved or marked ready (later ones in the thread of
 * the first); an issue closed or reopened, and a comment, in the thread of the issue's (or merge
 * request's) message, where there is one; a pipeline on the default branch that fails, and the one that passes after it; a release
 * created; a tag; a push to a protected branch. Group webhooks work: the project is the payload's.
 * Confidential and internal comments, and comments on confidential issues, never reach a room.
 */
export function createProjectActivityConsumer(deps: ProjectActivityDeps): DeliveryConsumer<Sql> {
  return {
    name: "gitlab-activity",
    async accept(tx, parsed) {
      if (parsed.source !== "gitlab") return false;
      const jobs = await activityJobs(tx, deps.community, parsed.hook, deps.now?.() ?? new Date());
      if (!jobs.length) return false;
      await deps.queue.sendMany(notifyJob, jobs, { tx });
      deps.logger.info({ kind: parsed.hook.object_kind, rooms: jobs.map((j) => j.room) }, "told SIG rooms of GitLab activity");
      return true;
    },
  };
}

async function activityJobs(tx: Sql, community: Community, hook: GitlabWebhook, now: Date): Promise<NotifySend[]> {
  switch (hook.object_kind) {
    case "issue":
    case "work_item":
      return issueStateJobs(tx, community, hook as GitlabIssueHook);
    case "merge_request":
      return mergeRequestJobs(tx, community, hook as GitlabMergeRequestHook);
    case "note":
      return noteJobs(tx, community, hook as GitlabNoteHook);
    case "pipeline": {
      const pipeline = GitlabPipelineHook.safeParse(hook);
      return pipeline.success ? pipelineJobs(tx, community, pipeline.data, now) : [];
    }
    case "release": {
      const release = GitlabReleaseHook.safeParse(hook);
      if (!release.success || release.data.action !== "create") return [];
      const r = release.data;
      return sigsOf(community, r.project.path_with_namespace).map((sig) => send(sig, `gitlab:release:${r.project.id}:${r.id}:create:${sig.id}`, releaseLine(sig, r)));
    }
    case "push":
    case "tag_push": {
      const push = GitlabPushHook.safeParse(hook);
      if (!push.success || ZERO_SHA.test(push.data.after)) return [];
      const p = push.data;
      // Feature branches are noise; protected ones (or, on an older GitLab, the default branch) are news.
      const branch = p.ref.replace(/^refs\/heads\//, "");
      if (p.object_kind === "push" && !(p.ref_protected ?? branch === p.project.default_branch)) return [];
      return sigsOf(community, p.project.path_with_namespace).map((sig) => send(sig, `gitlab:${p.object_kind}:${p.project.id}:${p.ref}:${p.after}:${sig.id}`, pushLine(sig, p)));
    }
    default:
      return [];
  }
}

/** The SIGs that follow a project: those that list it, and those whose label the item carries. */
function sigsOf(community: Community, projectPath: string, labels: readonly string[] = []): Sig[] {
  return community.sigs.filter((sig) => sig.gitlab.projects.includes(projectPath) || sig.gitlab.labels.some((l) => labels.includes(l)));
}

const send = (sig: Sig, dedupeKey: string, line: ActivityLine, threadOf?: string): NotifySend => ({
  action: "send",
  dedupeKey,
  room: sig.room,
  body: line.text,
  html: line.html,
  ...(threadOf ? { threadOf } : {}),
});

/** A key whose message went out, to thread on; a thread root never sent would hold the reply back. */
async function sentKey(tx: Sql, key: string): Promise<string | undefined> {
  return (await findMatrixMessage(tx, key))?.eventId ? key : undefined;
}

const mrKey = (projectId: number, iid: number, sig: Sig) => `gitlab:mr:${projectId}:${iid}:open:${sig.id}`;

async function mergeRequestJobs(tx: Sql, community: Community, hook: GitlabMergeRequestHook): Promise<NotifySend[]> {
  const verb = mergeRequestVerb(hook);
  if (!verb) return [];
  const mr = hook.object_attributes;
  const labels = (hook.labels ?? mr.labels ?? []).map((l) => l.title);
  const jobs: NotifySend[] = [];
  for (const sig of sigsOf(community, hook.project.path_with_namespace, labels)) {
    const root = mrKey(hook.project.id, mr.iid, sig);
    const line = mergeRequestLine(sig, hook, verb);
    if (mr.action === "open") jobs.push(send(sig, root, line));
    else jobs.push(send(sig, `gitlab:mr:${hook.project.id}:${mr.iid}:${mr.action}:${mr.updated_at ?? ""}:${sig.id}`, line, await sentKey(tx, root)));
  }
  return jobs;
}

async function noteJobs(tx: Sql, community: Community, hook: GitlabNoteHook): Promise<NotifySend[]> {
  const note = hook.object_attributes;
  if (note.system || note.internal || hook.event_type === "confidential_note" || (note.action && note.action !== "create")) return [];
  if (hook.issue?.confidential) return [];
  if (!hook.issue && !hook.merge_request) return [];
  const labels = (hook.issue?.labels ?? hook.merge_request?.labels ?? []).map((l) => l.title);
  const jobs: NotifySend[] = [];
  for (const sig of sigsOf(community, hook.project.path_with_namespace, labels)) {
    // A comment belongs in the thread of what it is on; without that message, it is not news here.
    const root = hook.issue
      ? await sentKey(tx, triageMessageKey(hook.project.id, hook.issue.iid, "act", sig.id))
      : await sentKey(tx, mrKey(hook.project.id, hook.merge_request!.iid, sig));
    // Keyed by what the comment is on, so that an issue made confidential takes its comments back too.
    const on = hook.issue ? `issue-note:${hook.project.id}:${hook.issue.iid}` : `mr-note:${hook.project.id}:${hook.merge_request!.iid}`;
    if (root) jobs.push(send(sig, `gitlab:${on}:${note.id}:${sig.id}`, noteLine(sig, hook), root));
  }
  return jobs;
}

async function pipelineJobs(tx: Sql, community: Community, hook: GitlabPipelineHook, now: Date): Promise<NotifySend[]> {
  const p = hook.object_attributes;
  if (p.tag || p.ref !== hook.project.default_branch) return [];
  if (p.status !== "failed" && p.status !== "success") return [];
  const jobs: NotifySend[] = [];
  for (const sig of sigsOf(community, hook.project.path_with_namespace)) {
    const prefix = `gitlab:pipeline:${hook.project.id}:${p.ref}:${sig.id}:`;
    if (p.status === "failed") {
      // A broken default branch needs a person: pinged as the SIG asks, once a day per branch.
      const people = sigPeopleToPing(sig, "pipeline-failed", now);
      const subject = `gitlab:pipeline:${hook.project.id}:${p.ref}`;
      const claimed = new Set(await claimPings(tx, { subject, userIds: people.map((m) => m.matrix), day: now }));
      jobs.push(withPings(send(sig, `${prefix}failed:${p.id}`, pipelineLine(sig, hook, "failed")), people.filter((m) => claimed.has(m.matrix))));
      continue;
    }
    // A pass is news only after a failure: the last pipeline message for the branch.
    const last = (await listSentMatrixMessageKeys(tx, prefix)).at(-1);
    if (last?.startsWith(`${prefix}failed:`)) jobs.push(send(sig, `${prefix}fixed:${p.id}`, pipelineLine(sig, hook, "fixed"), last));
  }
  return jobs;
}

const ISSUE_VERBS: Record<string, string> = { close: "closed", reopen: "reopened" };

/** An announced issue closed or reopened: said in its thread, not as a new message. */
async function issueStateJobs(tx: Sql, community: Community, hook: GitlabIssueHook): Promise<NotifySend[]> {
  const issue = hook.object_attributes;
  const verb = ISSUE_VERBS[issue.action ?? ""];
  if (!verb || issue.confidential) return [];
  const labels = (hook.labels ?? issue.labels ?? []).map((l) => l.title);
  const jobs: NotifySend[] = [];
  for (const sig of sigsOf(community, hook.project.path_with_namespace, labels)) {
    const root = await sentKey(tx, triageMessageKey(hook.project.id, issue.iid, "act", sig.id));
    const key = `gitlab:issue-note:${hook.project.id}:${issue.iid}:${issue.action}:${issue.updated_at ?? ""}:${sig.id}`;
    if (root) jobs.push(send(sig, key, issueStateLine(sig, hook, verb), root));
  }
  return jobs;
}

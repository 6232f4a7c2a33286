import { createHash } from "node:crypto";
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
  type GitlabEventKind,
  type NotifyJob,
  type NotifyRedact,
  type NotifySend,
} from "@agora/schemas";
import {
  issueOpenedLine,
  issueRelabelledLine,
  issueRetitledLine,
  issueStateLine,
  mergeRequestLine,
  mergeRequestVerb,
  noteLine,
  pipelineLine,
  pushLine,
  releaseLine,
  tagDeletedLine,
  type ActivityLine,
} from "./activity-messages.ts";
import { projectWithdrawn } from "./project-visibility.ts";
import { retitledQuestion } from "./retitled-question.ts";
import { pingDay, sigPeopleToPing, withPings } from "./room-pings.ts";
import { triageMessageKey } from "./routing-message.ts";
import { subscribedRooms, type RoomTarget } from "./subscriptions.ts";

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
 * GitLab activity told in rooms by the community file's subscriptions (`subscriptions.ts`: by
 * default, a SIG's room for the projects it lists and the items carrying its label), one linked
 * line each, in the spirit of GitLab's own chat notifications. Not every event: an issue opened
 * (in a subscribed room; a SIG's room hears of it from triage); a merge request opened, reopened,
 * closed, merged, approved or marked ready (later ones in the thread of the first); an issue
 * closed or reopened, and a comment, in the thread of the issue's (or merge request's) message,
 * where there is one; a pipeline on the default branch that fails, and the one that passes after
 * it; a release created (edited: its line is edited; deleted: redacted); a tag (deleted: one line);
 * a push to a protected branch; an issue retitled edits its first message, and its question in
 * the triage room while that waits for a person (`retitled-question.ts`). Group webhooks work: the
 * project is the payload's; a project made private is taken back (`project-visibility.ts`). Confidential issues, confidential and internal comments, and comments on
 * confidential issues never reach a room.
 */
export function createProjectActivityConsumer(deps: ProjectActivityDeps): DeliveryConsumer<Sql> {
  return {
    name: "gitlab-activity",
    async accept(tx, parsed) {
      if (parsed.source !== "gitlab") return false;
      // A project made private says nothing more in rooms, until it is public again.
      const visibility = await projectWithdrawn(tx, parsed.hook, deps);
      if (visibility.withdrawn) return visibility.tookBack;
      const jobs = await activityJobs(tx, deps.community, parsed.hook, deps.now?.() ?? new Date());
      if (!jobs.length) return false;
      await deps.queue.sendMany(notifyJob, jobs, { tx });
      deps.logger.info(
        { kind: parsed.hook.object_kind, jobs: jobs.map((j) => j.dedupeKey) },
        "told rooms of GitLab activity",
      );
      return true;
    },
  };
}

async function activityJobs(tx: Sql, community: Community, hook: GitlabWebhook, now: Date): Promise<NotifyJob[]> {
  const rooms = (kind: GitlabEventKind, projectPath: string, labels?: readonly { title: string }[]) =>
    subscribedRooms(community, { kind, projectPath, labels: labels?.map((l) => l.title) });
  switch (hook.object_kind) {
    case "issue":
    case "work_item": {
      const issue = hook as GitlabIssueHook;
      const told = await issueJobs(
        tx,
        issue,
        rooms("issues", issue.project.path_with_namespace, issue.labels ?? issue.object_attributes.labels ?? []),
        community.gitlab?.bot_username,
      );
      return [...told, ...(await retitledQuestion(tx, community, issue))];
    }
    case "merge_request": {
      const mr = hook as GitlabMergeRequestHook;
      return mergeRequestJobs(
        tx,
        mr,
        rooms("merge_requests", mr.project.path_with_namespace, mr.labels ?? mr.object_attributes.labels ?? []),
      );
    }
    case "note": {
      const note = hook as GitlabNoteHook;
      return noteJobs(
        tx,
        note,
        rooms("comments", note.project.path_with_namespace, note.issue?.labels ?? note.merge_request?.labels ?? []),
      );
    }
    case "pipeline": {
      const pipeline = GitlabPipelineHook.safeParse(hook);
      return pipeline.success
        ? pipelineJobs(tx, pipeline.data, rooms("pipelines", pipeline.data.project.path_with_namespace), now)
        : [];
    }
    case "release": {
      const release = GitlabReleaseHook.safeParse(hook);
      return release.success
        ? releaseJobs(tx, release.data, rooms("releases", release.data.project.path_with_namespace))
        : [];
    }
    case "push":
    case "tag_push": {
      const push = GitlabPushHook.safeParse(hook);
      if (!push.success) return [];
      const p = push.data;
      if (ZERO_SHA.test(p.after))
        return p.object_kind === "tag_push" ? tagDeletedJobs(tx, p, rooms("tags", p.project.path_with_namespace)) : [];
      // Feature branches are noise; protected ones (or, on an older GitLab, the default branch) are news.
      const branch = p.ref.replace(/^refs\/heads\//, "");
      if (p.object_kind === "push" && !(p.ref_protected ?? branch === p.project.default_branch)) return [];
      const kind = p.object_kind === "push" ? "pushes" : "tags";
      return rooms(kind, p.project.path_with_namespace).map((to) =>
        send(to, `gitlab:${p.object_kind}:${p.project.id}:${p.ref}:${p.after}:${to.key}`, pushLine(to, p)),
      );
    }
    default:
      return [];
  }
}

const send = (to: RoomTarget, dedupeKey: string, line: ActivityLine, threadOf?: string): NotifySend => ({
  action: "send",
  dedupeKey,
  room: to.room,
  body: line.text,
  html: line.html,
  ...(threadOf ? { threadOf } : {}),
});

/** A key whose message went out, to thread on; a thread root never sent would hold the reply back. */
async function sentKey(tx: Sql, key: string): Promise<string | undefined> {
  return (await findMatrixMessage(tx, key))?.eventId ? key : undefined;
}

const mrKey = (projectId: number, iid: number, to: RoomTarget) => `gitlab:mr:${projectId}:${iid}:open:${to.key}`;

/**
 * The message an issue's later events thread on: in a SIG's room, triage's line routing it there;
 * in a subscribed room, the line saying it was opened.
 */
export const issueRootKey = (projectId: number, iid: number, to: RoomTarget) =>
  to.sig ? triageMessageKey(projectId, iid, "act", to.sig.id) : `gitlab:issue:${projectId}:${iid}:open:${to.key}`;

async function mergeRequestJobs(tx: Sql, hook: GitlabMergeRequestHook, rooms: RoomTarget[]): Promise<NotifySend[]> {
  const verb = mergeRequestVerb(hook);
  if (!verb) return [];
  const mr = hook.object_attributes;
  const jobs: NotifySend[] = [];
  for (const to of rooms) {
    const root = mrKey(hook.project.id, mr.iid, to);
    const line = mergeRequestLine(to, hook, verb);
    if (mr.action === "open") jobs.push(send(to, root, line));
    else
      jobs.push(
        send(
          to,
          `gitlab:mr:${hook.project.id}:${mr.iid}:${mr.action}:${mr.updated_at ?? ""}:${to.key}`,
          line,
          await sentKey(tx, root),
        ),
      );
  }
  return jobs;
}

async function noteJobs(tx: Sql, hook: GitlabNoteHook, rooms: RoomTarget[]): Promise<NotifySend[]> {
  const note = hook.object_attributes;
  if (
    note.system ||
    note.internal ||
    hook.event_type === "confidential_note" ||
    (note.action && note.action !== "create")
  )
    return [];
  if (hook.issue?.confidential) return [];
  const on = hook.issue
    ? { kind: "issue", iid: hook.issue.iid }
    : hook.merge_request
      ? { kind: "mr", iid: hook.merge_request.iid }
      : undefined;
  if (!on) return [];
  const jobs: NotifySend[] = [];
  for (const to of rooms) {
    // A comment belongs in the thread of what it is on; without that message, it is not news here.
    const root = await sentKey(
      tx,
      on.kind === "issue" ? issueRootKey(hook.project.id, on.iid, to) : mrKey(hook.project.id, on.iid, to),
    );
    // Keyed by what the comment is on, so that an issue made confidential takes its comments back too.
    if (root)
      jobs.push(
        send(to, `gitlab:${on.kind}-note:${hook.project.id}:${on.iid}:${note.id}:${to.key}`, noteLine(to, hook), root),
      );
  }
  return jobs;
}

async function pipelineJobs(tx: Sql, hook: GitlabPipelineHook, rooms: RoomTarget[], now: Date): Promise<NotifySend[]> {
  const p = hook.object_attributes;
  if (p.tag || p.ref !== hook.project.default_branch) return [];
  if (p.status !== "failed" && p.status !== "success") return [];
  const jobs: NotifySend[] = [];
  for (const to of rooms) {
    const prefix = `gitlab:pipeline:${hook.project.id}:${p.ref}:${to.key}:`;
    if (p.status === "failed") {
      // A broken default branch needs a person: pinged as the SIG asks, once a day per branch.
      const people = to.sig ? sigPeopleToPing(to.sig, "pipeline-failed", now) : [];
      const subject = `gitlab:pipeline:${hook.project.id}:${p.ref}`;
      const claimed = new Set(
        await claimPings(tx, { subject, userIds: people.map((m) => m.matrix), day: pingDay(to.sig, now) }),
      );
      jobs.push(
        withPings(
          send(to, `${prefix}failed:${p.id}`, pipelineLine(to, hook, "failed")),
          people.filter((m) => claimed.has(m.matrix)),
        ),
      );
      continue;
    }
    // A pass is news only after a failure: the last pipeline message for the branch.
    const last = (await listSentMatrixMessageKeys(tx, prefix)).at(-1);
    if (last?.startsWith(`${prefix}failed:`))
      jobs.push(send(to, `${prefix}fixed:${p.id}`, pipelineLine(to, hook, "fixed"), last));
  }
  return jobs;
}

const ISSUE_VERBS: Record<string, string> = { close: "closed", reopen: "reopened" };

/**
 * An issue opened is told in subscribed rooms (a SIG's room hears of it from triage, once it is
 * routed there); closed, reopened or relabelled by a person, in the thread of its first message,
 * not as a new one; given a new title, its first message is edited to it. The bot's own labels
 * (routing, `needs-info`) are not news: its note and the routed line said them.
 */
async function issueJobs(
  tx: Sql,
  hook: GitlabIssueHook,
  rooms: RoomTarget[],
  botUsername: string | undefined,
): Promise<NotifySend[]> {
  const issue = hook.object_attributes;
  if (issue.confidential || hook.event_type === "confidential_issue") return [];
  const title = hook.changes?.title;
  const retitled = issue.action === "update" && title?.current && title.current !== title.previous;
  const labels = hook.changes?.labels;
  const relabel =
    issue.action === "update" && labels && hook.user.username !== botUsername
      ? labelDiff(labels.previous, labels.current)
      : undefined;
  const verb = ISSUE_VERBS[issue.action ?? ""];
  const jobs: NotifySend[] = [];
  for (const to of rooms) {
    const root = issueRootKey(hook.project.id, issue.iid, to);
    if (issue.action === "open" && !to.sig) {
      jobs.push(send(to, root, issueOpenedLine(to, hook)));
      continue;
    }
    if (!(retitled || relabel || verb) || !(await sentKey(tx, root))) continue;
    if (retitled) {
      // Keyed under the issue, so that a confidential issue's take-back finds the edit too.
      const key = `gitlab:issue:${hook.project.id}:${issue.iid}:retitle:${shortHash(title.current ?? "")}:${to.key}`;
      jobs.push({ ...send(to, key, issueRetitledLine(to, hook)), replaces: root });
    }
    const said = relabel
      ? { action: "relabel", line: issueRelabelledLine(to, hook, relabel) }
      : verb
        ? { action: issue.action, line: issueStateLine(to, hook, verb) }
        : undefined;
    if (said)
      jobs.push(
        send(
          to,
          `gitlab:issue-note:${hook.project.id}:${issue.iid}:${said.action}:${issue.updated_at ?? ""}:${to.key}`,
          said.line,
          root,
        ),
      );
  }
  return jobs;
}

/** Labels added and removed by an update; undefined when the set did not change. */
function labelDiff(
  previous: readonly { title: string }[],
  current: readonly { title: string }[],
): { added: string[]; removed: string[] } | undefined {
  const before = new Set(previous.map((l) => l.title));
  const after = new Set(current.map((l) => l.title));
  const added = [...after].filter((l) => !before.has(l));
  const removed = [...before].filter((l) => !after.has(l));
  return added.length || removed.length ? { added, removed } : undefined;
}

/**
 * A release created is a line; edited, that line is edited to its new name (an edit that leaves
 * the name as it was changes nothing a room shows); deleted, every message about it is redacted,
 * since its link leads nowhere any more.
 */
async function releaseJobs(tx: Sql, r: GitlabReleaseHook, rooms: RoomTarget[]): Promise<NotifyJob[]> {
  const prefix = `gitlab:release:${r.project.id}:${r.id}:`;
  if (r.action === "delete") {
    const said = (await listSentMatrixMessageKeys(tx, prefix)).filter((key) => !key.endsWith(":deleted"));
    return said.map((target): NotifyRedact => ({
      action: "redact",
      dedupeKey: `${target}:deleted`,
      target,
      reason: "the release was deleted",
    }));
  }
  const jobs: NotifySend[] = [];
  for (const to of rooms) {
    const created = `${prefix}create:${to.key}`;
    if (r.action === "create") jobs.push(send(to, created, releaseLine(to, r)));
    else if (r.action === "update" && (await sentKey(tx, created))) {
      jobs.push({
        ...send(
          to,
          `${prefix}update:${shortHash(`${r.name ?? ""}\n${r.tag}\n${r.url}`)}:${to.key}`,
          releaseLine(to, r),
        ),
        replaces: created,
      });
    }
  }
  return jobs;
}

/** A tag deleted: one line, in the thread of the tag's own message where there was one. */
async function tagDeletedJobs(tx: Sql, p: GitlabPushHook, rooms: RoomTarget[]): Promise<NotifySend[]> {
  const jobs: NotifySend[] = [];
  for (const to of rooms) {
    const tagged = await sentKey(tx, `gitlab:tag_push:${p.project.id}:${p.ref}:${p.before}:${to.key}`);
    jobs.push(
      send(to, `gitlab:tag_push:${p.project.id}:${p.ref}:deleted:${p.before}:${to.key}`, tagDeletedLine(to, p), tagged),
    );
  }
  return jobs;
}

const shortHash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);

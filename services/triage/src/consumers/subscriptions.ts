import type { Community, GitlabEventKind, GitlabSubscription, Sig } from "@agora/schemas";

/** A room an event is told in: a SIG's (named, and pinging as the SIG says) or a subscribed room. */
export interface RoomTarget {
  /** What dedupe keys end with: the SIG's id, or the room as written in the community file. */
  key: string;
  room: string;
  /** The SIG's name, which leads each line in its room; a plain room's lines need no prefix. */
  name?: string;
  sig?: Sig;
}

/** What a subscription reads of an event; `labels` is undefined for kinds that carry none. */
export interface GitlabEventFacts {
  kind: GitlabEventKind;
  projectPath: string;
  labels?: readonly string[] | undefined;
}

/**
 * The rooms a GitLab event is told in, each once: the SIGs' (in the community file's order), then
 * the subscribed rooms. A SIG no subscription names keeps the default: every kind, for the
 * projects it lists and the items carrying its label. A room that is also a SIG's is the SIG's.
 */
export function subscribedRooms(community: Community, event: GitlabEventFacts): RoomTarget[] {
  const named = new Set(community.subscriptions.map((s) => s.sig).filter((id) => id !== undefined));
  const targets: RoomTarget[] = [];
  for (const sig of community.sigs) {
    const follows = named.has(sig.id)
      ? community.subscriptions.some((s) => s.sig === sig.id && matches(s, event))
      : sig.gitlab.projects.includes(event.projectPath) || sig.gitlab.labels.some((l) => event.labels?.includes(l));
    if (follows) targets.push({ key: sig.id, room: sig.room, name: sig.name, sig });
  }
  for (const sub of community.subscriptions) {
    if (sub.room && matches(sub, event)) targets.push({ key: sub.room, room: sub.room });
  }
  return targets.filter((t, i) => targets.findIndex((u) => u.room === t.room) === i);
}

function matches(sub: GitlabSubscription, { kind, projectPath, labels = [] }: GitlabEventFacts): boolean {
  if (sub.events && !sub.events.includes(kind)) return false;
  const anyProject = !sub.projects.length && !sub.groups.length;
  if (!anyProject && !sub.projects.includes(projectPath) && !sub.groups.some((g) => projectPath.startsWith(`${g}/`)))
    return false;
  if (sub.labels.include.length && !sub.labels.include.some((l) => labels.includes(l))) return false;
  return !sub.labels.exclude.some((l) => labels.includes(l));
}

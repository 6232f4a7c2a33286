import { claimPings, findMatrixMessage, type Sql } from "@agora/db";
import { notifyJob, type JobSender } from "@agora/queue";
import type { Community, NotifySend } from "@agora/schemas";
import { escapeUserText } from "../actions/sig-routing.ts";
import { pingDay, pingSubject, sigPeopleToPing, withPings } from "../consumers/room-pings.ts";
import { triageMessageKey } from "../consumers/routing-message.ts";
import type { PlannedAction } from "./plan-sweep.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
const dayMs = 24 * 60 * 60 * 1000;

/**
 * The SIG rooms' side of a sweep: each bug the needs-info policy found waiting longer than it
 * allows (reminded now, or put in the digest; not closed), told in the room of the SIG whose label
 * it carries when that SIG's `pings` ask for `needs-info`, pinging its people as for any other
 * ping: at most once a day per person and issue, claimed in the transaction that enqueues the
 * message, and nobody in quiet hours (the line is then a notice). In the thread of the issue's
 * routed line when there is one. One message per issue per day: a second sweep that day sends none.
 */
export async function needsInfoPings(
  tx: Sql,
  { community, plan, now }: { community: Community; plan: PlannedAction[]; now: Date },
): Promise<NotifySend[]> {
  const waiting = plan.filter((p) => p.condition === "needs_info" && p.action !== "close");
  const jobs: NotifySend[] = [];
  const seen = new Set<string>();
  for (const { issue } of waiting) {
    const sig = community.sigs.find((s) => s.gitlab.labels.some((l) => issue.labels.includes(l)));
    if (!sig?.pings?.on.includes("needs-info")) continue;
    const subject = pingSubject(issue.projectId, issue.iid);
    if (seen.has(subject)) continue;
    seen.add(subject);
    const ref = issueRef(issue);
    const days = issue.updatedAt ? Math.floor((now.getTime() - issue.updatedAt.getTime()) / dayMs) : undefined;
    const waited = days === undefined ? "is waiting" : `has waited ${days} days`;
    const what = issue.confidential
      ? { text: `a confidential issue, ${ref}`, html: `a confidential issue, ${link(issue.webUrl, ref)}` }
      : {
          text: `${ref} "${escapeUserText(issue.title)}"`,
          html: `${link(issue.webUrl, ref)} "${escapeHtml(escapeUserText(issue.title))}"`,
        };
    // The SIG's day, as for its pings: one line per issue on each day its people live.
    const day = pingDay(sig, now);
    const root = triageMessageKey(issue.projectId, issue.iid, "act", sig.id);
    const threaded = (await findMatrixMessage(tx, root))?.eventId ? { threadOf: root } : {};
    const message: NotifySend = {
      action: "send",
      // Under the issue's keys, so that an issue made confidential takes this back too.
      dedupeKey: `gitlab:issue-note:${issue.projectId}:${issue.iid}:needs-info:${day}:${sig.id}`,
      room: sig.room,
      body: `${sig.name}: ${what.text} ${waited} for its reporter's answer (needs-info)${issue.webUrl ? ` ${issue.webUrl}` : ""}`,
      html: `<b>${escapeHtml(sig.name)}</b>: ${what.html} ${waited} for its reporter's answer (<code>needs-info</code>)`,
      ...threaded,
    };
    const people = sigPeopleToPing(sig, "needs-info", now);
    const claimed = new Set(await claimPings(tx, { subject, userIds: people.map((p) => p.matrix), day }));
    jobs.push(
      withPings(
        message,
        people.filter((p) => claimed.has(p.matrix)),
      ),
    );
  }
  return jobs;
}

/** Enqueues `needsInfoPings`' messages in the transaction that claims their pings; resolves with how many. */
export async function enqueueNeedsInfoPings(
  { db, queue }: { db: Sql; queue: JobSender },
  input: { community: Community; plan: PlannedAction[]; now: Date },
): Promise<number> {
  return db.transaction(async (tx) => {
    const jobs = await needsInfoPings(tx, input);
    if (jobs.length) await queue.sendMany(notifyJob, jobs, { tx });
    return jobs.length;
  });
}

/** `group/project#12` from the issue's web address, as the other room lines name issues. */
function issueRef(issue: PlannedAction["issue"]): string {
  const path =
    issue.webUrl?.match(/^https?:\/\/[^/]+\/(.+?)\/-\/issues\/\d+/)?.[1] ??
    issue.webUrl?.match(/^https?:\/\/[^/]+\/(.+?)\/issues\/\d+/)?.[1];
  return path ? `${path}#${issue.iid}` : `project ${issue.projectId}#${issue.iid}`;
}

const link = (url: string | null, text: string) =>
  url ? `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>` : escapeHtml(text);

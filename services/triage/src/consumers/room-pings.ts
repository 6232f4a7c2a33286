import type { Community, NotifySend, QuietHours, Sig, SigMember } from "@agora/schemas";
import type { Routing } from "../routing/decide-routing.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/**
 * Who a triage message should ping, by the community file's `pings` of the SIG it concerns: the
 * routed-to SIG for a routed bug, the best guess for a question. Nobody in the SIG's quiet hours.
 */
export function whoToPing({
  community,
  routing,
  now,
}: {
  community: Community;
  routing: Routing;
  now: Date;
}): SigMember[] {
  const sig = pingingSig({ community, routing });
  return sig ? sigPeopleToPing(sig, routing.mode === "act" ? "routed" : "asked", now) : [];
}

/** The SIG whose `pings` a triage message follows: the routed-to SIG, or the question's best guess. */
export function pingingSig({ community, routing }: { community: Community; routing: Routing }): Sig | undefined {
  const sigId = routing.mode === "act" ? routing.sig : routing.suggestions[0]?.sig;
  return community.sigs.find((s) => s.id === sigId);
}

/**
 * The day a ping counts against, for the once-a-day limit: the calendar date on the clocks of
 * the SIG's quiet-hours zone (UTC without one), so that "once a day" is the day its people live,
 * which begins when their quiet hours end, not at a UTC midnight in the middle of their afternoon.
 */
export function pingDay(sig: Sig | undefined, now: Date): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: sig?.pings?.quiet_hours?.tz ?? "UTC",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const part = (type: "year" | "month" | "day") => parts.find((p) => p.type === type)?.value ?? "01";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** The SIG's people its `pings` names for this kind of message, unless it is their quiet hours. */
export function sigPeopleToPing(sig: Sig, event: NonNullable<Sig["pings"]>["on"][number], now: Date): SigMember[] {
  const pings = sig.pings;
  if (!pings || !pings.on.includes(event)) return [];
  if (pings.quiet_hours && inQuietHours(pings.quiet_hours, now)) return [];
  const people =
    pings.who === "leads" ? sig.leads : pings.who === "triagers" ? sig.triagers : [...sig.leads, ...sig.triagers];
  return people.filter((p, i) => people.findIndex((q) => q.matrix === p.matrix) === i);
}

/** Whether `now` falls in the span on the clocks of its time zone; a span that passes midnight wraps. */
export function inQuietHours(span: QuietHours, now: Date): boolean {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const [from, to, minute] = [minutes(span.from), minutes(span.to), minutes(localTime(now, span.tz))];
  return from <= to ? minute >= from && minute < to : minute >= from || minute < to;
}

/** `HH:MM` on the clocks of `tz` at `now`, daylight saving time included (Intl's zone data). */
function localTime(now: Date, tz: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: tz,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const part = (type: "hour" | "minute") => parts.find((p) => p.type === type)?.value ?? "00";
  return `${part("hour")}:${part("minute")}`;
}

/**
 * The message as a text that pings these people: their names lead the body, pills (matrix.to
 * links, which clients render as the person) lead the HTML, and `m.mentions` lists exactly them,
 * so nobody else's name or keyword in the text notifies anyone.
 */
export function withPings(message: NotifySend, people: readonly SigMember[]): NotifySend {
  if (!people.length) return message;
  const names = people.map((p) => p.name ?? p.matrix).join(", ");
  const pills = people
    .map((p) => `<a href="https://matrix.to/#/${encodeURIComponent(p.matrix)}">${escapeHtml(p.name ?? p.matrix)}</a>`)
    .join(", ");
  return {
    ...message,
    msgtype: "text",
    mentions: people.map((p) => p.matrix),
    body: `${names}: ${message.body}`,
    html: `${pills}: ${message.html ?? escapeHtml(message.body)}`,
  };
}

/** What a ping is about, for the once-a-day limit: the issue, whichever message mentions it. */
export const pingSubject = (projectId: number, issueIid: number) => `gitlab:issue:${projectId}:${issueIid}`;

import type { Outcome } from "./fuzz-campaign.ts";
import type { LogLine } from "./fuzz-target.ts";
import type { InboxFindings } from "./inbox-check.ts";

export interface ViolationGroup {
  /** The family, what went wrong and the server's logged cause, e.g. "gitlab: answered 500 [DatabaseError 54000 …]". */
  problem: string;
  /** Every case that went wrong this way, shortest description first. */
  members: Outcome[];
  /** What the server logged for the shortest members' requests. */
  logs: string[];
}

function logSummary(line: LogLine): string {
  const err = line.err ? ` — ${[line.err.type, line.err.code, line.err.message].filter(Boolean).join(" ")}` : "";
  return `${line.msg}${err}`.slice(0, 400);
}

/** The logged error, with its numbers blanked, so that one cause makes one group. */
function cause(lines: readonly LogLine[] | undefined): string | undefined {
  const err = lines?.find((l) => l.err)?.err;
  return err
    ? [err.type, err.code, err.message].filter(Boolean).join(" ").replace(/\d+/g, "N").slice(0, 160)
    : undefined;
}

/** Failed cases grouped by what went wrong and the cause the server logged for it. */
export function groupViolations(outcomes: readonly Outcome[], logs: readonly LogLine[]): ViolationGroup[] {
  const byRequest = new Map<string, LogLine[]>();
  for (const line of logs)
    if (line.requestId) byRequest.set(line.requestId, [...(byRequest.get(line.requestId) ?? []), line]);
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    if (!o.violation) continue;
    const logged = cause(byRequest.get(o.case.marker));
    const problem = `${o.case.family}: ${o.violation}${logged ? ` [${logged}]` : ""}`;
    groups.set(problem, [...(groups.get(problem) ?? []), o]);
  }
  return [...groups].map(([problem, all]) => {
    const members = [...all].sort((a, b) => a.case.description.length - b.case.description.length);
    const lines = new Set(members.slice(0, 3).flatMap((o) => (byRequest.get(o.case.marker) ?? []).map(logSummary)));
    return { problem, members, logs: [...lines] };
  });
}

/** Of a group's cases sent again one at a time: those that fail alone, and those that failed only beside others. */
export interface Replayed {
  failAlone: Outcome[];
  passAlone: Outcome[];
}

/** What the server logged about these jobs (the workers log a failed job by its id). */
export function jobLogs(logs: readonly LogLine[], jobIds: readonly string[]): string[] {
  const ids = new Set(jobIds);
  return [...new Set(logs.filter((l) => typeof l.jobId === "string" && ids.has(l.jobId)).map(logSummary))];
}

export interface ReportInput {
  groups: readonly ViolationGroup[];
  /** A sample of each group's cases sent again alone, by the group's problem. */
  replays: ReadonlyMap<string, Replayed>;
  inbox?: InboxFindings;
  logs: readonly LogLine[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const examples = (outcomes: readonly Outcome[]) =>
  outcomes
    .slice(0, 3)
    .map((o) => o.case.description)
    .join(" ‖ ");

/** One line per kind of failure, each with the shortest inputs that show it and what the server logged. */
export function describeFailures({ groups, replays, inbox, logs }: ReportInput): string[] {
  const failures = groups.map((g) => {
    const replay = replays.get(g.problem);
    let detail = `e.g. ${examples(g.members)}`;
    if (replay) {
      const tried = replay.failAlone.length + replay.passAlone.length;
      detail = `sent again alone, ${replay.failAlone.length} of ${tried} sampled fail again`;
      if (replay.failAlone.length) detail += `: e.g. ${examples(replay.failAlone)}`;
      if (replay.passAlone.length)
        detail += `; ${replay.passAlone.length} failed only beside other cases: e.g. ${examples(replay.passAlone)}`;
    }
    const log = g.logs.length ? `; server log: ${g.logs.join(" | ")}` : "";
    return `${g.problem} — ${plural(g.members.length, "case")}; ${detail}${log}`;
  });
  if (!inbox) return failures;
  const some = (outcomes: readonly (Outcome | undefined)[]) =>
    outcomes
      .slice(0, 3)
      .map((o) => (o ? `${o.case.description} (answered ${o.statuses.join(", ")})` : "a row no case of this run sent"))
      .join(" ‖ ");
  if (inbox.lost.length)
    failures.push(
      `lost: ${plural(inbox.lost.length, "valid delivery", "valid deliveries")} answered 202 but not stored; e.g. ${some(inbox.lost)}`,
    );
  if (inbox.duplicated.length)
    failures.push(
      `duplicated: ${plural(inbox.duplicated.length, "keyed delivery", "keyed deliveries")} stored more than once; e.g. ${some(inbox.duplicated)}`,
    );
  if (inbox.unauthorizedRows.length) {
    failures.push(
      `unauthorized rows: ${plural(inbox.unauthorizedRows.length, "row")} from refused requests; e.g. ${some(inbox.unauthorizedRows.map((r) => r.outcome))}`,
    );
  }
  const byError = new Map<string, typeof inbox.nonFinal>();
  for (const row of inbox.nonFinal) {
    const key = `job ${row.jobState ?? "missing"}: ${row.jobError ?? "no error recorded"}`;
    byError.set(key, [...(byError.get(key) ?? []), row]);
  }
  for (const [key, rows] of byError) {
    const log = jobLogs(logs, rows.flatMap((r) => (r.jobId ? [r.jobId] : [])).slice(0, 3));
    failures.push(
      `non-final: ${plural(rows.length, "stored row")} not processed after the worker tried (${key}); e.g. ${some(rows.map((r) => r.outcome))}${log.length ? `; server log: ${log.join(" | ")}` : ""}`,
    );
  }
  return failures;
}

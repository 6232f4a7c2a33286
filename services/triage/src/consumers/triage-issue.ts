import { claimPings, findTriageCorrection, isProjectWithdrawn, saveTriageDecision, type Sql } from "@agora/db";
import type { NotifyJob, TriageJob } from "@agora/schemas";
import type { ActionResult, ActionsContext } from "../actions/actions-context.ts";
import { applyRouting } from "../actions/apply-routing.ts";
import { requestMissingInfo } from "../actions/request-missing-info.ts";
import { missingInfo } from "../routing/missing-info.ts";
import { decideRouting, type Routing, type RoutingContext } from "../routing/decide-routing.ts";
import { pingDay, pingingSig, pingSubject, whoToPing, withPings } from "./room-pings.ts";
import { routingMessage } from "./routing-message.ts";

export interface TriageWorkerContext {
  db: Sql;
  actions: ActionsContext;
  routing: RoutingContext;
  /** Enqueues notify jobs in the transaction that records the decision. */
  enqueueNotify(tx: Sql, jobs: NotifyJob[]): Promise<void>;
  /** For pings' quiet hours and their once-a-day limit; the system clock by default. */
  now?: () => Date;
}

export type TriageOutcome = { routing: Routing | null; result: ActionResult; notified: string | null };

/**
 * Routes one issue: decides, writes the decision to GitLab (label, assignee and note when acting;
 * `needs-triage` and the top suggestions when asking), records it for the triage page, and tells
 * the SIG's room (or the triage room when asking). GitLab failures follow the actions' policy:
 * transient ones are thrown for the queue to retry, a deleted issue is dropped, a refusal is
 * thrown as a `TriageError` (which the worker dead-letters). Nothing is recorded or announced
 * unless GitLab took the decision.
 */
export async function triageIssue({
  ctx,
  input,
}: {
  ctx: TriageWorkerContext;
  input: TriageJob;
}): Promise<TriageOutcome> {
  const { projectId, issueIid } = input;
  // A person may have corrected the label between the webhook and this job: humans win.
  if (await findTriageCorrection(ctx.db, projectId, issueIid)) {
    return { routing: null, result: { status: "skipped", reason: "a person set the SIG label" }, notified: null };
  }
  const routing = decideRouting({ ctx: ctx.routing, input });
  const decision = {
    sig: routing.sig ?? "unknown",
    confidence: routing.confidence,
    reasons: routing.reasons,
    suggestions: routing.suggestions,
  };
  const result = await applyRouting({ ctx: ctx.actions, input: { projectId, issueIid, decision, mode: routing.mode } });
  if (result.status !== "routed" && result.status !== "asked") return { routing, result, notified: null };
  if (result.status === "routed") {
    // Once the SIG is known, ask for what it needs that the report leaves out. Done after the
    // routing so a retry of this job (the note is posted once) cannot ask before routing.
    const sig = ctx.routing.community.sigs.find((s) => s.id === routing.sig);
    const missing = sig ? missingInfo(sig.requires, `${input.title}\n${input.description}`) : [];
    if (missing.length) {
      const asked = await requestMissingInfo({ ctx: ctx.actions, input: { projectId, issueIid, missing } });
      if (asked.status === "info-requested") result.labels.push(...asked.labels);
    }
  }

  // The issue may have been made confidential since the webhook: GitLab's word, read just now, wins;
  // and its project may have been made private since (as a later event of the project showed).
  const withdrawn = await isProjectWithdrawn(ctx.db, projectId);
  const issue = result.confidential || withdrawn ? { ...input, confidential: true } : input;
  const message = routingMessage({
    community: ctx.routing.community,
    issue,
    routing,
    labels: [...input.labels, ...result.labels],
    projectPrivate: withdrawn,
  });
  if (!message)
    ctx.actions.logger.warn(
      { projectId, issueIid, mode: routing.mode },
      "no room to tell of this triage: set matrix.triage_room",
    );
  await ctx.db.transaction(async (tx) => {
    await saveTriageDecision(tx, {
      projectId,
      issueIid,
      sig: routing.sig ?? "",
      confidence: routing.confidence,
      mode: routing.mode,
      reasons: routing.reasons,
      confidential: issue.confidential,
      title: input.title,
      url: input.url,
      projectPath: input.projectPath,
      suggestions: routing.suggestions,
    });
    if (message) {
      // A ping is claimed in this transaction: a retry or a second message about the issue today pings nobody again.
      const now = ctx.now?.() ?? new Date();
      const people = whoToPing({ community: ctx.routing.community, routing, now });
      const day = pingDay(pingingSig({ community: ctx.routing.community, routing }), now);
      const claimed = new Set(
        await claimPings(tx, { subject: pingSubject(projectId, issueIid), userIds: people.map((p) => p.matrix), day }),
      );
      await ctx.enqueueNotify(tx, [
        withPings(
          message,
          people.filter((p) => claimed.has(p.matrix)),
        ),
      ]);
    }
  });
  return { routing, result, notified: message?.room ?? null };
}

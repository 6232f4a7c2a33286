import { DeliveryJob, NotifyJob, TriageJob, TriageSweepJob } from "@agora/schemas";
import { defineJob } from "./define-job.ts";

/** A stored webhook to process; enqueued in the transaction that stores it in the inbox. */
export const deliveryJob = defineJob({ name: "delivery", data: DeliveryJob });

/**
 * One message into Matrix (or the redaction of one). The default retries ride out a homeserver
 * restart; the worker waits out short rate limits itself, so they do not spend retries.
 */
export const notifyJob = defineJob({ name: "notify", data: NotifyJob });

/**
 * One GitLab issue to route to a SIG (`TriageJob` says what it carries). Failures follow the
 * triage worker's policy (transient retried, a deleted issue dropped, a refusal dead-lettered),
 * so the defaults fit.
 */
export const triageJob = defineJob({ name: "triage", data: TriageJob });

/**
 * One run of the triage sweeps (the policies of the community file's `triage:` section), sent by
 * the queue's scheduler on the section's `schedule`. A run re-reads GitLab, so a retry is safe: a
 * reminded issue is no longer quiet, and the digest's dedupe key carries the day. An hour covers a
 * large project's listing; few, slow retries, since the next run comes anyway.
 */
export const triageSweepJob = defineJob({
  name: "triage-sweep",
  data: TriageSweepJob,
  retryLimit: 3,
  retryDelaySeconds: 120,
  expireInSeconds: 3600,
});

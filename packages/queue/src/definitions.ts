import { DeliveryJob, NotifyJob } from "@agora/schemas";
import { z } from "zod";
import { defineJob } from "./define-job.ts";

/** A stored webhook to process; enqueued in the transaction that stores it in the inbox. */
export const deliveryJob = defineJob({ name: "delivery", data: DeliveryJob });

/**
 * One message into Matrix (or the redaction of one). The default retries ride out a homeserver
 * restart; the worker waits out short rate limits itself, so they do not spend retries.
 */
export const notifyJob = defineJob({ name: "notify", data: NotifyJob });

/**
 * One GitLab issue to route to a SIG, enqueued by the triage consumer in the transaction that
 * processes its webhook. It carries what routing reads, so the decision needs no GitLab call;
 * the GitLab writes re-read the issue. Failures follow the triage actions' policy (transient
 * retried, a deleted issue dropped, a refusal dead-lettered), so the defaults fit.
 */
export const triageJob = defineJob({
  name: "triage",
  data: z.object({
    projectId: z.number().int(),
    projectPath: z.string(),
    issueIid: z.number().int(),
    url: z.string(),
    title: z.string(),
    description: z.string(),
    labels: z.array(z.string()),
    confidential: z.boolean(),
    action: z.string(),
  }),
});
export type TriageJob = z.infer<typeof triageJob.data>;

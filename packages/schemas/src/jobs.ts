import { z } from "zod";

/** Where a stored webhook came from. */
export const DeliverySource = z.enum(["gitlab", "discourse"]);
export type DeliverySource = z.infer<typeof DeliverySource>;

/**
 * Enqueued in the same transaction that stores a webhook in the inbox: the worker reads the
 * stored body by id, so the job stays small whatever the payload's size.
 */
export const DeliveryJob = z.object({
  deliveryId: z.uuid(),
  source: DeliverySource,
});
export type DeliveryJob = z.infer<typeof DeliveryJob>;

/**
 * One GitLab issue to route to a SIG, enqueued by the triage consumer in the transaction that
 * processes its webhook. It carries what routing reads, so the decision needs no GitLab call;
 * the GitLab writes re-read the issue.
 */
export const TriageJob = z.object({
  projectId: z.number().int(),
  projectPath: z.string(),
  issueIid: z.number().int(),
  url: z.string(),
  title: z.string(),
  description: z.string(),
  labels: z.array(z.string()),
  confidential: z.boolean(),
  action: z.string(),
  /** Who did it (GitLab username), for the room's one-line message; absent in older jobs. */
  author: z.string().optional(),
});
export type TriageJob = z.infer<typeof TriageJob>;

/** One run of the triage sweeps, sent by the queue's scheduler: it carries nothing. */
export const TriageSweepJob = z.object({});
export type TriageSweepJob = z.infer<typeof TriageSweepJob>;

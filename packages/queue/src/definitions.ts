import { DeliveryJob, NotifyJob } from "@agora/schemas";
import { defineJob } from "./define-job.ts";

/** A stored webhook to process; enqueued in the transaction that stores it in the inbox. */
export const deliveryJob = defineJob({ name: "delivery", data: DeliveryJob });

/**
 * One message into Matrix (or the redaction of one). The default retries ride out a homeserver
 * restart; the worker waits out short rate limits itself, so they do not spend retries.
 */
export const notifyJob = defineJob({ name: "notify", data: NotifyJob });

import { DeliveryJob } from "@agora/schemas";
import { defineJob } from "./define-job.ts";

/** A stored webhook to process; enqueued in the transaction that stores it in the inbox. */
export const deliveryJob = defineJob({ name: "delivery", data: DeliveryJob });

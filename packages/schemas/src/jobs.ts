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

export { createApp, hooksRoutes } from "./app.ts";
export { enqueueDeliveryJobs, queuedDeliveryStore } from "./delivery-queue.ts";
export {
  createDeliveryStore,
  DeliveryRefusedError,
  writeDeliveries,
  type DeliveryStore,
  type EnqueueDeliveries,
} from "./delivery-store.ts";
export {
  directDeliveryStore,
  type ConnectionForRequest,
  type DirectDeliveryStoreOptions,
} from "./direct-delivery-store.ts";
export { startDeliveryWorker, type DeliveryWorkerOptions } from "./delivery-worker.ts";
export type { HooksDeps } from "./hooks-deps.ts";
export { sweepInbox, type InboxSweep } from "./inbox-retention.ts";
export { createIntakeCounter, registerInboxMetrics } from "./intake-metrics.ts";
export { discourseSignatureMatches, gitlabTokenMatches } from "./verify.ts";
export { processDelivery, type DeliveryConsumer, type ProcessDeliveryContext } from "./process-delivery.ts";

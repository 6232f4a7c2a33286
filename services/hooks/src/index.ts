export { createApp, hooksRoutes } from "./app.ts";
export { queuedDeliveryStore } from "./delivery-queue.ts";
export { createDeliveryStore, DeliveryRefusedError, type DeliveryStore, type EnqueueDeliveries } from "./delivery-store.ts";
export { startDeliveryWorker, type DeliveryWorkerOptions } from "./delivery-worker.ts";
export type { HooksDeps } from "./hooks-deps.ts";
export { sweepInbox, type InboxSweep } from "./inbox-retention.ts";
export { createIntakeCounter, registerInboxMetrics } from "./intake-metrics.ts";
export { discourseSignatureMatches, gitlabTokenMatches } from "./verify.ts";
export { processDelivery, type DeliveryConsumer, type ProcessDeliveryContext } from "./process-delivery.ts";

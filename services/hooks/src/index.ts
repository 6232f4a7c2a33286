export { createApp, hooksRoutes } from "./app.ts";
export { createDeliveryStore, DeliveryRefusedError, type DeliveryStore, type EnqueueDeliveries } from "./delivery-store.ts";
export type { HooksDeps } from "./hooks-deps.ts";
export { createIntakeCounter } from "./intake-metrics.ts";
export { discourseSignatureMatches, gitlabTokenMatches } from "./verify.ts";
export { processDelivery, type DeliveryConsumer, type ParsedDelivery, type ProcessDeliveryContext } from "./process-delivery.ts";

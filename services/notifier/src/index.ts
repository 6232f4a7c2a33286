export { callMatrix, type RoomAccess } from "./call-matrix.ts";
export { deliverDigest, digestBody } from "./deliver-digest.ts";
export { deliverNotification, type Delivered } from "./deliver-notification.ts";
export { buildMessageContent, type MessageRelations } from "./message-content.ts";
export {
  defaultNotifierLimits,
  type NotifierContext,
  type NotifierLimits,
  type NotifierLogger,
  type NotifyRun,
} from "./notifier-context.ts";
export { startNotifierWorker, type NotifierWorkerOptions } from "./notifier-worker.ts";
export { createRoomPacer, type PacerClock, type RoomPacer, type RoomPacing } from "./room-pacer.ts";
export { sanitizeMatrixHtml } from "./sanitize-matrix-html.ts";
export { txnIdFor } from "./txn-id.ts";
export { waitingNotifications, type WaitingNotification } from "./waiting-notifications.ts";
export * from "./bot/index.ts";

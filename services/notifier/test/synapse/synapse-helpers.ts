import type { TestDatabase } from "@agora/db/testing";
import { createMatrixTransport } from "@agora/matrix";
import { readRoomEvents, type RegisteredUser, type RoomEvent, type TestSynapse } from "@agora/matrix/testing";
import { createJobQueue, type JobQueue } from "@agora/queue";
import { startNotifierWorker, type NotifierWorkerOptions } from "../../src/index.ts";

export async function matrixCall(
  baseUrl: string,
  user: RegisteredUser,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(new URL(`/_matrix/client/v3${path}`, baseUrl), {
    method,
    headers: { authorization: `Bearer ${user.accessToken}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

export const joinRoom = (synapse: TestSynapse, user: RegisteredUser, roomId: string) =>
  matrixCall(synapse.baseUrl, user, "POST", `/join/${encodeURIComponent(roomId)}`, {});

/** A started queue on `t` with a notifier worker sending as `bot` through the real transport. */
export async function startWorker(
  synapse: TestSynapse,
  t: TestDatabase,
  bot: RegisteredUser,
  options: Partial<NotifierWorkerOptions> = {},
): Promise<JobQueue> {
  const queue = createJobQueue({ db: t.db, pollingIntervalSeconds: 0.5, superviseIntervalSeconds: 1 });
  await queue.start();
  const transport = await createMatrixTransport({
    baseUrl: synapse.baseUrl,
    accessToken: bot.accessToken,
    userId: bot.userId,
  });
  await startNotifierWorker({ queue, db: t.db, transport, logger: { info() {}, warn() {} }, ...options });
  return queue;
}

/** The room's messages and redactions from `sender`, as `reader` sees them, oldest first. */
export async function eventsFrom(
  synapse: TestSynapse,
  reader: RegisteredUser,
  roomId: string,
  sender: string,
): Promise<RoomEvent[]> {
  const events = await readRoomEvents(synapse.baseUrl, reader.accessToken, roomId, { limit: 500 });
  return events.filter((e) => e.sender === sender && (e.type === "m.room.message" || e.type === "m.room.redaction"));
}

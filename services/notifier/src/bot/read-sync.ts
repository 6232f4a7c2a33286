import { asRecord, type TimelineEvent } from "./message-rules.ts";

export interface SyncBatch {
  nextBatch: string;
  invites: { roomId: string; inviter: string | undefined }[];
  timelines: { roomId: string; events: TimelineEvent[]; limited: boolean }[];
}

/**
 * Picks out of a `/sync` answer the three things the bot uses. The answer comes from the
 * homeserver, so every field is checked rather than trusted.
 */
export function readSync(answer: unknown, botUserId: string): SyncBatch {
  const body = asRecord(answer);
  if (typeof body?.next_batch !== "string") throw new Error("the /sync answer has no next_batch");
  const rooms = asRecord(body.rooms);
  const invites = Object.entries(asRecord(rooms?.invite) ?? {}).map(([roomId, room]) => ({
    roomId,
    inviter: inviterOf(room, botUserId),
  }));
  const timelines = Object.entries(asRecord(rooms?.join) ?? {}).map(([roomId, room]) => {
    const timeline = asRecord(asRecord(room)?.timeline);
    const events = Array.isArray(timeline?.events) ? timeline.events.map((event) => asRecord(event) ?? {}) : [];
    return { roomId, events, limited: timeline?.limited === true };
  });
  return { nextBatch: body.next_batch, invites, timelines };
}

/** The sender of the bot's own `invite` membership event in the invite's stripped state. */
function inviterOf(room: unknown, botUserId: string): string | undefined {
  const events = asRecord(asRecord(room)?.invite_state)?.events;
  if (!Array.isArray(events)) return undefined;
  for (const raw of events) {
    const event = asRecord(raw);
    if (event?.type !== "m.room.member" || event.state_key !== botUserId) continue;
    if (asRecord(event.content)?.membership === "invite" && typeof event.sender === "string") return event.sender;
  }
  return undefined;
}

import { parseCommand, type ParsedCommand } from "./parse-command.ts";

/** A timeline event as it comes from `/sync`; only the fields the bot reads are typed. */
export interface TimelineEvent {
  type?: unknown;
  event_id?: unknown;
  sender?: unknown;
  content?: unknown;
}

export interface CommandMessage extends ParsedCommand {
  roomId: string;
  eventId: string;
  sender: string;
  threadRoot?: string;
}

/**
 * The command in an event, or undefined when the bot must stay silent. It never answers:
 * a notice (the spec asks bots to send notices and never to answer one, which is how two bots
 * avoid talking to each other forever), its own messages, an edit (answering the edit would
 * answer the same command twice), or anything but plain text.
 */
export function commandIn(event: TimelineEvent, roomId: string, botUserId: string): CommandMessage | undefined {
  if (event.type !== "m.room.message") return undefined;
  if (typeof event.event_id !== "string" || typeof event.sender !== "string") return undefined;
  if (event.sender === botUserId) return undefined;
  const content = asRecord(event.content);
  if (content?.msgtype !== "m.text" || typeof content.body !== "string") return undefined;
  const relation = asRecord(content["m.relates_to"]);
  if (relation?.rel_type === "m.replace" || content["m.new_content"] !== undefined) return undefined;
  const command = parseCommand(content.body);
  if (!command) return undefined;
  const threadRoot =
    relation?.rel_type === "m.thread" && typeof relation.event_id === "string" ? relation.event_id : undefined;
  return { ...command, roomId, eventId: event.event_id, sender: event.sender, ...(threadRoot ? { threadRoot } : {}) };
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

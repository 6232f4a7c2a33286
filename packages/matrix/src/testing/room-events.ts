export interface RoomEvent {
  event_id: string;
  type: string;
  sender: string;
  content: Record<string, unknown>;
  origin_server_ts: number;
  redacts?: string;
  unsigned?: Record<string, unknown>;
}

/**
 * The latest `limit` events of a room's timeline, oldest first, as the given user sees them:
 * what tests use to check what arrived.
 */
export async function readRoomEvents(
  baseUrl: string,
  accessToken: string,
  roomId: string,
  { limit = 100 }: { limit?: number } = {},
): Promise<RoomEvent[]> {
  const url = new URL(`/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/messages`, baseUrl);
  url.searchParams.set("dir", "b");
  url.searchParams.set("limit", String(limit));
  const response = await fetch(url, { headers: { authorization: `Bearer ${accessToken}` } });
  if (!response.ok) throw new Error(`GET ${url.pathname}: ${response.status} ${await response.text()}`);
  const { chunk } = (await response.json()) as { chunk: RoomEvent[] };
  return chunk.reverse();
}

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

/**
 * Creates a room as the given user and returns its id. `aliasLocalpart` gives it `#<localpart>:<server>`;
 * `isPublic` lets anyone join without an invite.
 */
export async function createRoom(
  baseUrl: string,
  accessToken: string,
  options: { invite?: string[]; aliasLocalpart?: string; isPublic?: boolean; name?: string } = {},
): Promise<string> {
  const response = await fetch(new URL("/_matrix/client/v3/createRoom", baseUrl), {
    method: "POST",
    headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: JSON.stringify({
      preset: options.isPublic ? "public_chat" : "private_chat",
      invite: options.invite ?? [],
      ...(options.aliasLocalpart ? { room_alias_name: options.aliasLocalpart } : {}),
      ...(options.name ? { name: options.name } : {}),
    }),
  });
  if (!response.ok) throw new Error(`POST /createRoom: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { room_id: string }).room_id;
}

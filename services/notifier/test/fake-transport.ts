import { MatrixCallError, type MatrixFailure, type MatrixTransport } from "@agora/matrix";

export interface FakeEvent {
  roomId: string;
  eventId: string;
  type: string;
  content: Record<string, unknown>;
  txnId: string;
}

type Method = "sendEvent" | "redactEvent" | "resolveRoom" | "joinRoom";

/**
 * An in-memory homeserver behind the `MatrixTransport` interface, honest about what a real one
 * does: it answers a repeated txn id with the first event, refuses rooms the account has not
 * joined, lets it join rooms it is invited to or that are public, and fails calls on demand.
 */
export function createFakeTransport(userId = "@agora:fake.test") {
  const events: FakeEvent[] = [];
  const calls: { method: Method; args: unknown[] }[] = [];
  const byTxn = new Map<string, string>();
  const rooms = new Map<string, "joined" | "invited" | "public" | "closed">();
  const aliases = new Map<string, string>();
  const failures: { method: Method; failure: MatrixFailure }[] = [];
  let next = 0;

  function failIfAsked(method: Method, args: unknown[]): void {
    calls.push({ method, args });
    const i = failures.findIndex((f) => f.method === method);
    if (i >= 0) {
      const [f] = failures.splice(i, 1);
      throw new MatrixCallError(f!.failure);
    }
  }

  function idOf(roomIdOrAlias: string): string {
    const roomId = roomIdOrAlias.startsWith("#") ? aliases.get(roomIdOrAlias) : roomIdOrAlias;
    if (!roomId || !rooms.has(roomId))
      throw new MatrixCallError({ kind: "unknown_room", reason: `no room ${roomIdOrAlias}` });
    return roomId;
  }

  function inRoom(roomId: string): void {
    if (rooms.get(roomId) !== "joined")
      throw new MatrixCallError({ kind: "not_in_room", reason: `${userId} is not in ${roomId}` });
  }

  function record(roomId: string, type: string, content: Record<string, unknown>, txnId: string): string {
    const key = `${roomId} ${txnId}`;
    const earlier = byTxn.get(key);
    if (earlier) return earlier;
    const eventId = `$fake${++next}`;
    byTxn.set(key, eventId);
    events.push({ roomId, eventId, type, content, txnId });
    return eventId;
  }

  const transport: MatrixTransport = {
    userId,
    async sendEvent(roomId, eventType, content, txnId) {
      failIfAsked("sendEvent", [roomId, eventType, content, txnId]);
      inRoom(idOf(roomId));
      return record(roomId, eventType, content, txnId);
    },
    async redactEvent(roomId, eventId, txnId, reason) {
      failIfAsked("redactEvent", [roomId, eventId, txnId, reason]);
      inRoom(idOf(roomId));
      return record(roomId, "m.room.redaction", { redacts: eventId, ...(reason ? { reason } : {}) }, txnId);
    },
    async resolveRoom(roomIdOrAlias) {
      failIfAsked("resolveRoom", [roomIdOrAlias]);
      return idOf(roomIdOrAlias);
    },
    async joinRoom(roomIdOrAlias) {
      failIfAsked("joinRoom", [roomIdOrAlias]);
      const roomId = idOf(roomIdOrAlias);
      if (rooms.get(roomId) === "closed")
        throw new MatrixCallError({ kind: "forbidden", reason: `${roomId} is invite-only` });
      rooms.set(roomId, "joined");
      return roomId;
    },
  };

  return {
    transport,
    events,
    calls,
    /** A room, and how the account stands in it; an alias optional. */
    addRoom(roomId: string, standing: "joined" | "invited" | "public" | "closed" = "joined", alias?: string) {
      rooms.set(roomId, standing);
      if (alias) aliases.set(alias, roomId);
      return roomId;
    },
    /** The next call of `method` fails with `failure` (queued in order, once each). */
    failNext(method: Method, failure: MatrixFailure, times = 1) {
      for (let i = 0; i < times; i++) failures.push({ method, failure });
    },
    inRoom: (roomId: string) => events.filter((e) => e.roomId === roomId),
  };
}

/**
 * What Agora needs from a Matrix homeserver, as one small interface: the notifier and the bot
 * depend on this, the real implementation sits on matrix-js-sdk, and tests run it against a
 * real Synapse.
 */
export interface MatrixTransport {
  /** The account's own user id (`@agora:example.org`). */
  readonly userId: string;
  /**
   * Sends one event. The homeserver answers a repeated `txnId` from the same access token with
   * the first event's id instead of sending it again: that is what makes a retry safe.
   */
  sendEvent(roomId: string, eventType: string, content: Record<string, unknown>, txnId: string): Promise<string>;
  redactEvent(roomId: string, eventId: string, txnId: string, reason?: string): Promise<string>;
  /** A room id as is; an alias (`#room:server`) resolved to its room id. */
  resolveRoom(roomIdOrAlias: string): Promise<string>;
  /** Joins (accepting an invite if there is one) and returns the room id. */
  joinRoom(roomIdOrAlias: string): Promise<string>;
}

/** Why a call to the homeserver failed, sorted by what the caller should do about it. */
export type MatrixFailure =
  /** 429 `M_LIMIT_EXCEEDED`: wait this long, then try again. */
  | { kind: "rate_limited"; retryAfterMs: number; reason: string }
  /** Network error, timeout, 5xx: try again later, with backoff. */
  | { kind: "transient"; reason: string }
  /** The account is not in the room (or was never invited): joining may fix it. */
  | { kind: "not_in_room"; reason: string }
  /** No such room or alias. */
  | { kind: "unknown_room"; reason: string }
  /** The homeserver refuses (banned, power levels, bad token): no retry will help. */
  | { kind: "forbidden"; reason: string }
  /** Anything else the homeserver rejected as malformed. */
  | { kind: "permanent"; reason: string };

export class MatrixCallError extends Error {
  readonly failure: MatrixFailure;

  constructor(failure: MatrixFailure, options?: ErrorOptions) {
    super(`${failure.kind}: ${failure.reason}`, options);
    this.name = "MatrixCallError";
    this.failure = failure;
  }
}

import { createClient, Method, type ICreateClientOpts, type IRequestOpts, type MatrixClient } from "matrix-js-sdk";
import { toMatrixCallError } from "./matrix-failure.ts";
import type { MatrixTransport } from "./transport.ts";

export interface MatrixTransportOptions {
  baseUrl: string;
  accessToken: string;
  /** Skips the `whoami` call at creation when the caller already knows it. */
  userId?: string;
  /** How long one request may take before it counts as a transient failure. */
  requestTimeoutMs?: number;
}

/**
 * The real transport. It never starts a sync: Agora only sends, so it needs no room state.
 *
 * Sends and redactions are plain `PUT`s through the client's authenticated HTTP layer rather than
 * `client.sendEvent`: that path builds a local echo, needs the room in the client's store and goes
 * through matrix-js-sdk's scheduler, which retries rate-limited and failed events by itself and
 * holds later events back behind them. Agora's queue owns retries, so a failure must reach it as
 * is; the homeserver's transaction ids make those retries safe.
 */
export async function createMatrixTransport(options: MatrixTransportOptions): Promise<MatrixTransport> {
  const client = createClient({
    baseUrl: options.baseUrl,
    accessToken: options.accessToken,
    userId: options.userId,
    useAuthorizationHeader: true,
    logger: silentLogger,
  });
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  // AbortSignal.timeout's timer does not keep the process alive, unlike the client's localTimeoutMs.
  const requestOptions = (): IRequestOpts => ({ abortSignal: AbortSignal.timeout(timeoutMs), priority: "auto" });

  async function call<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toMatrixCallError(error, what);
    }
  }

  const userId =
    options.userId ??
    (
      await call("whoami", () =>
        client.http.authedRequest<{ user_id: string }>(
          Method.Get,
          "/account/whoami",
          undefined,
          undefined,
          requestOptions(),
        ),
      )
    ).user_id;

  return {
    userId,
    async sendEvent(roomId, eventType, content, txnId) {
      const path = `/rooms/${encodeURIComponent(roomId)}/send/${encodeURIComponent(eventType)}/${encodeURIComponent(txnId)}`;
      const body = await call(`send ${eventType} to ${roomId}`, () =>
        client.http.authedRequest<{ event_id: string }>(Method.Put, path, undefined, content, requestOptions()),
      );
      return body.event_id;
    },
    async redactEvent(roomId, eventId, txnId, reason) {
      const path = `/rooms/${encodeURIComponent(roomId)}/redact/${encodeURIComponent(eventId)}/${encodeURIComponent(txnId)}`;
      const body = await call(`redact ${eventId} in ${roomId}`, () =>
        client.http.authedRequest<{ event_id: string }>(
          Method.Put,
          path,
          undefined,
          reason === undefined ? {} : { reason },
          requestOptions(),
        ),
      );
      return body.event_id;
    },
    async resolveRoom(roomIdOrAlias) {
      if (!roomIdOrAlias.startsWith("#")) return roomIdOrAlias;
      const body = await call(`resolve ${roomIdOrAlias}`, () => resolveAlias(client, roomIdOrAlias, requestOptions()));
      return body.room_id;
    },
    async joinRoom(roomIdOrAlias) {
      // client.joinRoom would also build a Room from a one-off sync; only the id is needed here.
      const path = `/join/${encodeURIComponent(roomIdOrAlias)}`;
      const body = await call(`join ${roomIdOrAlias}`, () =>
        client.http.authedRequest<{ room_id: string }>(Method.Post, path, undefined, {}, requestOptions()),
      );
      return body.room_id;
    },
  };
}

function resolveAlias(client: MatrixClient, alias: string, options: IRequestOpts): Promise<{ room_id: string }> {
  return client.http.authedRequest(
    Method.Get,
    `/directory/room/${encodeURIComponent(alias)}`,
    undefined,
    undefined,
    options,
  );
}

/** matrix-js-sdk logs every request at debug level by default; failures reach the caller as errors instead. */
export const silentLogger: NonNullable<ICreateClientOpts["logger"]> = {
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  getChild: () => silentLogger,
};

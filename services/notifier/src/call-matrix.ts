import { MatrixCallError } from "@agora/matrix";
import { PermanentJobError } from "@agora/queue";
import type { NotifierContext } from "./notifier-context.ts";

/** Whether this job has already tried joining its room: it joins at most once per attempt. */
export interface RoomAccess {
  room: string;
  joined: boolean;
}

/**
 * Makes one homeserver call and handles its failures: waits out a short
 * rate limit here (keeping the room's order), retries a network error or 5xx a couple of times
 * before handing the job back to the queue's backoff, joins once when the account is not in the
 * room, and turns what no retry can fix into a `PermanentJobError` naming the room and the reason.
 */
export async function callMatrix<T>(
  { ctx, access, signal }: { ctx: NotifierContext; access: RoomAccess; signal?: AbortSignal | undefined },
  call: () => Promise<T>,
): Promise<T> {
  let transientLeft = ctx.limits.transientRetries;
  let waited = 0;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof MatrixCallError)) throw error;
      const failure = error.failure;
      switch (failure.kind) {
        case "rate_limited":
          if (
            failure.retryAfterMs > ctx.limits.longestWaitMs ||
            waited + failure.retryAfterMs > ctx.limits.totalWaitMs
          ) {
            // Thrown as it is: the queue retries it after its backoff, which is long enough.
            throw error;
          }
          waited += failure.retryAfterMs;
          ctx.logger.info(
            { room: access.room, retryAfterMs: failure.retryAfterMs },
            "rate limited by the homeserver; waiting",
          );
          await ctx.sleep(failure.retryAfterMs, signal);
          continue;
        case "transient":
          if (transientLeft <= 0) throw error;
          await ctx.sleep(ctx.limits.transientDelayMs * 2 ** (ctx.limits.transientRetries - transientLeft), signal);
          transientLeft--;
          continue;
        case "not_in_room":
        case "unknown_room":
        case "forbidden":
          if (access.joined) {
            throw new PermanentJobError(`${access.room}: ${failure.kind}: ${failure.reason}`, { cause: error });
          }
          access.joined = true;
          ctx.logger.info(
            { room: access.room, failure: failure.kind },
            "not able to send to the room; joining it once",
          );
          await callMatrix({ ctx, access, signal }, () => ctx.transport.joinRoom(access.room));
          continue;
        case "permanent":
          throw new PermanentJobError(`${access.room}: ${failure.reason}`, { cause: error });
      }
    }
  }
}

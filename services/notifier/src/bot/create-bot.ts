import { setTimeout as sleep } from "node:timers/promises";
import { Method } from "matrix-js-sdk";
import type { BotLogger } from "./bot-logger.ts";
import type { BotStateStore } from "./bot-state-store.ts";
import { registerBuiltinCommands } from "./builtin-commands.ts";
import type { CommandRouter } from "./command-router.ts";
import { handleSyncBatch } from "./handle-sync-batch.ts";
import type { BotPermissions } from "./permissions.ts";
import { readSync } from "./read-sync.ts";
import { sendWithOwnClient, type BotReply, type SendReply } from "./reply.ts";
import { openSession, type BotAuth, type BotSession } from "./session.ts";
import { DEFAULT_BACKOFF, isUnknownToken, retryDelayMs, type Backoff } from "./sync-errors.ts";
import { syncFilter, TIMELINE_LIMIT } from "./sync-filter.ts";

export interface BotOptions {
  homeserverUrl: string;
  auth: BotAuth;
  store: BotStateStore;
  /** Services register their commands here; the bot adds `help` and `status`. */
  router: CommandRouter;
  permissions: BotPermissions;
  /**
   * Sends one answer. Left out, the bot sends it itself with a transaction id derived from the
   * answer's dedupe key (see `sendWithOwnClient`); the wiring may pass one that goes through the
   * durable notify queue instead.
   */
  sendReply?: SendReply;
  /** The text of `!agora status`. */
  status: () => Promise<string>;
  logger: BotLogger;
  /** How long the homeserver may hold one `/sync` open; shorter in tests. */
  pollTimeoutMs?: number;
  backoff?: Backoff;
}

export interface Bot {
  /** Starts the sync loop in the background; failures are logged and retried, never thrown. */
  start(): void;
  /** Ends the open `/sync`, lets commands being answered finish, and resolves when the loop is done. */
  stop(): Promise<void>;
  /** Resolves after the next `/sync` round has been handled and its token saved. */
  nextSync(): Promise<void>;
  /** The bot's user id, once it has a session. */
  readonly userId: string | undefined;
}

/**
 * The chat bot: a long-poll loop over `/sync` (made with matrix-js-sdk's HTTP layer, not its
 * syncing client; docs/adr/0005-matrix-bot-sync.md says why), joining rooms allowed people
 * invite it to and answering `!agora` commands.
 */
export function createBot(options: BotOptions): Bot {
  const { store, logger } = options;
  const pollTimeoutMs = options.pollTimeoutMs ?? 30_000;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  registerBuiltinCommands(options.router, options.status);

  let session: BotSession | undefined;
  let running: { abort: AbortController; done: Promise<void> } | undefined;
  let waiting: (() => void)[] = [];

  async function syncOnce(signal: AbortSignal, since: string | undefined): Promise<string> {
    session ??= await openSession({ homeserverUrl: options.homeserverUrl, auth: options.auth, store });
    const account = { homeserver: options.homeserverUrl, userId: session.userId };
    since ??= await store.loadSyncToken(account);
    // The first start skips the rooms' backlog: a limit of 0 brings invites and a token only.
    const query = {
      filter: JSON.stringify(syncFilter(since === undefined ? 0 : TIMELINE_LIMIT)),
      timeout: since === undefined ? 0 : pollTimeoutMs,
      set_presence: "offline",
      ...(since === undefined ? {} : { since }),
    };
    const answer = await session.client.http.authedRequest(Method.Get, "/sync", query, undefined, {
      // A homeserver that never answers counts as a failure; AbortSignal.timeout's timer, unlike
      // the client's localTimeoutMs, does not keep the process alive after stop().
      abortSignal: AbortSignal.any([signal, AbortSignal.timeout(pollTimeoutMs + 30_000)]),
      priority: "auto",
    });
    const batch = readSync(answer, session.userId);
    const client = session.client;
    const sendReply = options.sendReply ?? ((reply: BotReply) => sendWithOwnClient(client, reply));
    const ctx = { ...options, client, userId: session.userId, sendReply };
    await handleSyncBatch({ ctx, input: { batch, answerCommands: since !== undefined } });
    await store.saveSyncToken(account, batch.nextBatch);
    return batch.nextBatch;
  }

  async function loop(signal: AbortSignal): Promise<void> {
    let since: string | undefined;
    let failures = 0;
    while (!signal.aborted) {
      try {
        since = await syncOnce(signal, since);
        failures = 0;
        for (const resolve of waiting) resolve();
        waiting = [];
      } catch (error) {
        // The signal can be aborted while syncOnce awaits; the type narrowed by the loop's test cannot know.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
        if (signal.aborted) break;
        if (isUnknownToken(error) && "password" in options.auth) {
          logger.warn({}, "the homeserver forgot the bot's session; logging in again on the same device");
          session = await openSession({
            homeserverUrl: options.homeserverUrl,
            auth: options.auth,
            store,
            relogin: true,
          }).catch(() => undefined);
        }
        const delayMs = retryDelayMs(error, failures++, backoff);
        logger.warn({ err: error, delayMs, failures }, "matrix sync failed; trying again");
        await sleep(delayMs, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  return {
    start() {
      if (running) return;
      const abort = new AbortController();
      running = { abort, done: loop(abort.signal) };
    },
    async stop() {
      if (!running) return;
      running.abort.abort();
      await running.done;
      running = undefined;
    },
    nextSync: () => new Promise((resolve) => waiting.push(resolve)),
    get userId() {
      return session?.userId;
    },
  };
}

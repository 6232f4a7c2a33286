import { createClient as sdkClient, type ICreateClientOpts, type MatrixClient } from "matrix-js-sdk";
import { silentLogger } from "@agora/matrix";
import type { BotStateStore } from "./bot-state-store.ts";

/** An access token as it is, or an account the bot logs in to once and then remembers. */
export type BotAuth = { accessToken: string } | { userId: string; password: string };

export interface BotSession {
  client: MatrixClient;
  userId: string;
}

const DEVICE_NAME = "Agora bot";

/**
 * A client for the bot's account. With a password, the session saved by an earlier start is
 * reused; only when there is none, or the homeserver has forgotten it (`relogin`), does the
 * bot log in, and then on the device it had, so the account does not collect a device per start.
 *
 * The client is only an HTTP client: `startClient` is never called, so matrix-js-sdk keeps no
 * rooms or timelines in memory.
 */
export async function openSession(input: {
  homeserverUrl: string;
  auth: BotAuth;
  store: BotStateStore;
  relogin?: boolean;
}): Promise<BotSession> {
  const { homeserverUrl: baseUrl, auth, store } = input;
  if ("accessToken" in auth) {
    const client = createClient({ baseUrl, accessToken: auth.accessToken });
    const { user_id: userId, device_id: deviceId } = await client.whoami();
    return {
      client: createClient({ baseUrl, accessToken: auth.accessToken, userId, ...(deviceId ? { deviceId } : {}) }),
      userId,
    };
  }
  const account = { homeserver: baseUrl, userId: auth.userId };
  const stored = await store.loadSession(account);
  if (stored && !input.relogin) {
    return { client: createClient({ baseUrl, userId: auth.userId, ...stored }), userId: auth.userId };
  }
  const answer = await createClient({ baseUrl }).loginRequest({
    type: "m.login.password",
    identifier: { type: "m.id.user", user: auth.userId },
    password: auth.password,
    ...(stored ? { device_id: stored.deviceId } : { initial_device_display_name: DEVICE_NAME }),
  });
  const session = { accessToken: answer.access_token, deviceId: answer.device_id };
  await store.saveSession(account, session);
  return { client: createClient({ baseUrl, userId: answer.user_id, ...session }), userId: answer.user_id };
}

/**
 * The token goes in a header, never in the query string where proxies log it; matrix-js-sdk's
 * own request log is off, failures reach the loop as errors and are logged there.
 */
function createClient(options: ICreateClientOpts): MatrixClient {
  return sdkClient({ ...options, useAuthorizationHeader: true, logger: silentLogger });
}

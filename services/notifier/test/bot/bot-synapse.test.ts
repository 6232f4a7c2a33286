import { createHash } from "node:crypto";
import { freshDatabase, type TestDatabase } from "@agora/db/testing";
import { createMatrixTransport, type MatrixTransport } from "@agora/matrix";
import {
  createRoom,
  readRoomEvents,
  startSynapse,
  type RegisteredUser,
  type RoomEvent,
  type TestSynapse,
} from "@agora/matrix/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBotStateStore, type BotStateStore } from "../../src/bot/bot-state-store.ts";
import { createCommandRouter } from "../../src/bot/command-router.ts";
import { createBot, type Bot } from "../../src/bot/create-bot.ts";
import { createPermissions } from "../../src/bot/permissions.ts";
import { replyContent, type BotReply } from "../../src/bot/reply.ts";
import { testCommunity } from "./community.ts";

// One homeserver and one database for the file: the cases follow one bot through its life
// (invites, commands, a restart), so they run in order and share what came before.
let synapse: TestSynapse;
let t: TestDatabase;
let store: BotStateStore;
let lead: RegisteredUser;
let stranger: RegisteredUser;
let botUserId: string;
const BOT_PASSWORD = "bot-password-for-tests";
const handedOver: BotReply[] = [];
let bot: Bot | undefined;
let sigRoom: string;

beforeAll(async () => {
  [synapse, t] = await Promise.all([startSynapse(), freshDatabase("pglite")]);
  store = createBotStateStore({ db: t.db });
  lead = await synapse.registerUser("lead");
  stranger = await synapse.registerUser("stranger");
  const operator = await synapse.registerUser("operator", { admin: true });
  botUserId = (await synapse.registerUser("agora")).userId;
  // The harness picks passwords nobody knows; the bot logs in with one, as in production.
  const response = await fetch(`${synapse.baseUrl}/_synapse/admin/v2/users/${encodeURIComponent(botUserId)}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${operator.accessToken}`, "content-type": "application/json" },
    body: JSON.stringify({ password: BOT_PASSWORD, logout_devices: true }),
  });
  expect(response.ok).toBe(true);
}, 180_000);

afterAll(async () => {
  await bot?.stop();
  await synapse?.close();
  await t?.drop();
});

/** A bot as the wiring would build it, with answers sent straight to Synapse instead of through the queue. */
function startBot(): Bot {
  let transport: Promise<MatrixTransport> | undefined;
  const account = { homeserver: synapse.baseUrl, userId: botUserId };
  const started = createBot({
    homeserverUrl: synapse.baseUrl,
    auth: { userId: botUserId, password: BOT_PASSWORD },
    store,
    router: createCommandRouter(),
    permissions: createPermissions(testCommunity("localhost")),
    async sendReply(reply) {
      handedOver.push(reply);
      transport ??= store
        .loadSession(account)
        .then((session) =>
          createMatrixTransport({ baseUrl: synapse.baseUrl, accessToken: session!.accessToken, userId: botUserId }),
        );
      const txnId = createHash("sha256").update(reply.dedupeKey).digest("hex");
      await (await transport).sendEvent(reply.roomId, "m.room.message", replyContent(reply), txnId);
    },
    status: async () => "all queues empty",
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    pollTimeoutMs: 1_000,
    backoff: { minMs: 100, maxMs: 1_000 },
  });
  started.start();
  return started;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function membership(roomId: string, asUser: RegisteredUser): Promise<string | undefined> {
  const url = `${synapse.baseUrl}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/m.room.member/${encodeURIComponent(botUserId)}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${asUser.accessToken}` } });
  return response.ok ? ((await response.json()) as { membership: string }).membership : undefined;
}

async function send(roomId: string, content: Record<string, unknown>): Promise<string> {
  const txn = `t${Math.random().toString(36).slice(2)}`;
  const url = `${synapse.baseUrl}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${txn}`;
  const response = await fetch(url, {
    method: "PUT",
    headers: { authorization: `Bearer ${lead.accessToken}`, "content-type": "application/json" },
    body: JSON.stringify(content),
  });
  return ((await response.json()) as { event_id: string }).event_id;
}

/** The bot's answers to one event, as the room shows them. */
async function answersTo(eventId: string): Promise<RoomEvent[]> {
  const events = await readRoomEvents(synapse.baseUrl, lead.accessToken, sigRoom);
  return events.filter((event) => {
    const relation = event.content["m.relates_to"] as { "m.in_reply_to"?: { event_id?: string } } | undefined;
    return event.sender === botUserId && relation?.["m.in_reply_to"]?.event_id === eventId;
  });
}

const answered = (eventId: string) =>
  waitFor(`an answer to ${eventId}`, async () => ((await answersTo(eventId)).length > 0 ? true : undefined));

describe("the bot against a real Synapse", { timeout: 60_000 }, () => {
  it("joins a room a SIG lead invites it to", async () => {
    bot = startBot();
    await bot.nextSync();
    sigRoom = await createRoom(synapse.baseUrl, lead.accessToken, { invite: [botUserId] });
    expect(
      await waitFor("the bot to join", async () => ((await membership(sigRoom, lead)) === "join" ? "join" : undefined)),
    ).toBe("join");
  });

  it("refuses the invite of someone the community file does not name", async () => {
    const room = await createRoom(synapse.baseUrl, stranger.accessToken, { invite: [botUserId] });
    expect(
      await waitFor("the bot to refuse", async () =>
        (await membership(room, stranger)) === "leave" ? "leave" : undefined,
      ),
    ).toBe("leave");
  });

  it("answers !agora help once, as a notice replying to the command", async () => {
    const command = await send(sigRoom, { msgtype: "m.text", body: "!agora help" });
    await answered(command);
    // Another command answered later shows the bot has read past the first one.
    await answered(await send(sigRoom, { msgtype: "m.text", body: "!agora status" }));
    const answers = await answersTo(command);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.content).toMatchObject({ msgtype: "m.notice", body: expect.stringContaining("!agora status:") });
  });

  it("never answers a notice", async () => {
    const notice = await send(sigRoom, { msgtype: "m.notice", body: "!agora help" });
    await answered(await send(sigRoom, { msgtype: "m.text", body: "!agora status" }));
    expect(await answersTo(notice)).toEqual([]);
  });

  it("answers in the thread a command was written in", async () => {
    const root = await send(sigRoom, { msgtype: "m.text", body: "the cloud image does not boot" });
    const command = await send(sigRoom, {
      msgtype: "m.text",
      body: "!agora status",
      "m.relates_to": { rel_type: "m.thread", event_id: root },
    });
    await answered(command);
    expect((await answersTo(command))[0]!.content["m.relates_to"]).toMatchObject({
      rel_type: "m.thread",
      event_id: root,
    });
  });

  it("after a restart answers nothing twice, and logs in on no new device", async () => {
    const devicesBefore = await botDevices();
    const handedBefore = handedOver.length;
    await bot!.stop();
    const missed = await send(sigRoom, { msgtype: "m.text", body: "!agora help" });
    bot = startBot();
    await answered(missed);
    await answered(await send(sigRoom, { msgtype: "m.text", body: "!agora status" }));
    // Exactly the two new commands were answered: nothing from before the restart again.
    expect(handedOver.slice(handedBefore).map((reply) => reply.body.split("\n")[0])).toEqual([
      "Commands:",
      "all queues empty",
    ]);
    expect(await botDevices()).toEqual(devicesBefore);
    expect(devicesBefore).toHaveLength(1);
  });
});

async function botDevices(): Promise<string[]> {
  const session = await store.loadSession({ homeserver: synapse.baseUrl, userId: botUserId });
  const response = await fetch(`${synapse.baseUrl}/_matrix/client/v3/devices`, {
    headers: { authorization: `Bearer ${session!.accessToken}` },
  });
  return ((await response.json()) as { devices: { device_id: string }[] }).devices
    .map((device) => device.device_id)
    .sort();
}

import { freshDatabase, type TestDatabase } from "@agora/db/testing";
import { createRoom, readRoomEvents, startSynapse, type RegisteredUser, type TestSynapse } from "@agora/matrix/testing";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createBotStateStore } from "../../src/bot/bot-state-store.ts";
import { createCommandRouter } from "../../src/bot/command-router.ts";
import { createBot, type Bot } from "../../src/bot/create-bot.ts";
import { createPermissions } from "../../src/bot/permissions.ts";
import { testCommunity } from "./community.ts";

let synapse: TestSynapse;
let t: TestDatabase;
let lead: RegisteredUser;
let botUser: RegisteredUser;
let bot: Bot | undefined;
const warnings: string[] = [];

beforeAll(async () => {
  [synapse, t] = await Promise.all([startSynapse(), freshDatabase("pglite")]);
  lead = await synapse.registerUser("lead");
  botUser = await synapse.registerUser("agora");
}, 180_000);

afterAll(async () => {
  await bot?.stop();
  await synapse?.close();
  await t?.drop();
});

async function send(roomId: string, body: string): Promise<string> {
  const url = `${synapse.baseUrl}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/t${Date.now()}`;
  const response = await fetch(url, {
    method: "PUT",
    headers: { authorization: `Bearer ${lead.accessToken}`, "content-type": "application/json" },
    body: JSON.stringify({ msgtype: "m.text", body }),
  });
  return ((await response.json()) as { event_id: string }).event_id;
}

async function waitForAnswer(roomId: string, eventId: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const answer = (await readRoomEvents(synapse.baseUrl, lead.accessToken, roomId)).find((event) => {
      const relation = event.content["m.relates_to"] as { "m.in_reply_to"?: { event_id?: string } } | undefined;
      return event.sender === botUser.userId && relation?.["m.in_reply_to"]?.event_id === eventId;
    });
    if (answer) return answer.content;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no answer to ${eventId}`);
}

test(
  "with an access token and its own sender, it answers, and keeps going after the homeserver was down",
  { timeout: 90_000 },
  async () => {
    bot = createBot({
      homeserverUrl: synapse.baseUrl,
      auth: { accessToken: botUser.accessToken },
      store: createBotStateStore({ db: t.db }),
      router: createCommandRouter(),
      permissions: createPermissions(testCommunity("localhost")),
      status: async () => "all queues empty",
      logger: { info: () => {}, warn: (_fields, message) => void warnings.push(message ?? ""), error: () => {} },
      pollTimeoutMs: 1_000,
      backoff: { minMs: 100, maxMs: 500 },
    });
    bot.start();
    await bot.nextSync();
    expect(bot.userId).toBe(botUser.userId);
    const roomId = await createRoom(synapse.baseUrl, lead.accessToken, { invite: [botUser.userId] });
    // The bot is in the room once its answer arrives; before that a command could be missed.
    await expect
      .poll(
        async () =>
          (await readRoomEvents(synapse.baseUrl, lead.accessToken, roomId)).some(
            (event) => event.type === "m.room.member" && event.sender === botUser.userId,
          ),
        { timeout: 20_000 },
      )
      .toBe(true);
    expect(await waitForAnswer(roomId, await send(roomId, "!agora status"))).toMatchObject({
      msgtype: "m.notice",
      body: "all queues empty",
    });

    await synapse.stop();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await synapse.start();
    expect(warnings).toContain("matrix sync failed; trying again");
    expect(await waitForAnswer(roomId, await send(roomId, "!agora help"))).toMatchObject({
      body: expect.stringContaining("!agora help: lists the commands"),
    });
  },
);

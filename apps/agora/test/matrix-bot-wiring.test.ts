import { createRoom, readRoomEvents, startSynapse, type RegisteredUser, type TestSynapse } from "@agora/matrix/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemForTests } from "./system-harness.ts";

async function waitFor<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("the one-process system with a homeserver", () => {
  let synapse: TestSynapse;
  let bot: RegisteredUser;
  let lead: RegisteredUser;

  beforeAll(async () => {
    synapse = await startSynapse({ rateLimits: "lifted" });
    bot = await synapse.registerUser("agora");
    lead = await synapse.registerUser("lead");
  });
  afterAll(() => synapse?.close());
  // Registered after the homeserver's hooks: it starts after the homeserver and (vitest runs
  // after-hooks last registered first) stops before it.
  const harness = systemForTests({
    database: "postgres",
    env: () => ({ MATRIX_HOMESERVER_URL: synapse.baseUrl, MATRIX_ACCESS_TOKEN: bot.accessToken }),
    // The example names people on example.org; this homeserver's lead may invite the bot.
    community: (example) => ({ ...example, matrix: { triage_room: "#triage:localhost", bot_admins: [lead.userId] } }),
  });

  it("joins on a lead's invite and answers !agora status once, through the queue and the notifier", async () => {
    const roomId = await createRoom(synapse.baseUrl, lead.accessToken, { invite: [bot.userId] });
    await waitFor(async () => {
      const events = await readRoomEvents(synapse.baseUrl, lead.accessToken, roomId);
      return (
        events.find((e) => e.type === "m.room.member" && e.sender === bot.userId && e.content.membership === "join") ??
        undefined
      );
    }, "the bot to join");

    const sent = await fetch(
      `${synapse.baseUrl}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/cmd-1`,
      {
        method: "PUT",
        headers: { authorization: `Bearer ${lead.accessToken}`, "content-type": "application/json" },
        body: JSON.stringify({ msgtype: "m.text", body: "!agora status" }),
      },
    );
    const { event_id: commandId } = (await sent.json()) as { event_id: string };

    const answer = await waitFor(async () => {
      const events = await readRoomEvents(synapse.baseUrl, lead.accessToken, roomId);
      return events.find((e) => e.sender === bot.userId && e.type === "m.room.message") ?? undefined;
    }, "the answer");
    expect(answer.content.msgtype).toBe("m.notice");
    expect(String(answer.content.body)).toContain("Agora is running.");
    expect(answer.content["m.relates_to"]).toEqual({ "m.in_reply_to": { event_id: commandId } });

    // Sent by the notifier: the job is recorded with its event id, and nothing else was said.
    await new Promise((r) => setTimeout(r, 1500));
    const answers = (await readRoomEvents(synapse.baseUrl, lead.accessToken, roomId)).filter(
      (e) => e.sender === bot.userId && e.type === "m.room.message",
    );
    expect(answers).toHaveLength(1);
    const recorded = await harness.system.db.query<{ dedupe_key: string; event_id: string }>(
      "select dedupe_key, event_id from agora_matrix_message where dedupe_key like 'bot-reply:%'",
    );
    expect(recorded).toEqual([{ dedupe_key: expect.stringContaining(commandId), event_id: answer.event_id }]);
    const page = await (await harness.system.app.request("/")).text();
    expect(page).toContain("Matrix bot");
  });
});

import { afterAll, beforeAll, expect, test } from "vitest";
import { readRoomEvents, startSynapse, type RegisteredUser, type TestSynapse } from "../src/testing/index.ts";

let synapse: TestSynapse;
let alice: RegisteredUser;
let bob: RegisteredUser;

beforeAll(async () => {
  synapse = await startSynapse();
  alice = await synapse.registerUser("alice");
  bob = await synapse.registerUser("bob");
});
afterAll(() => synapse?.close());

async function clientCall(
  user: RegisteredUser,
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${synapse.baseUrl}/_matrix/client/v3${path}`, {
    method,
    headers: { authorization: `Bearer ${user.accessToken}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

test("registers users on the test server", () => {
  expect(alice.userId).toBe("@alice:localhost");
  expect(bob.userId).toBe("@bob:localhost");
  expect(alice.accessToken).not.toBe(bob.accessToken);
  expect(alice.deviceId).toBeTruthy();
});

test("a message sent by one user is read back by another, and survives a restart", async () => {
  const { room_id: roomId } = (await clientCall(alice, "POST", "/createRoom", { invite: [bob.userId] })) as {
    room_id: string;
  };
  await clientCall(bob, "POST", `/join/${encodeURIComponent(roomId)}`, {});
  const { event_id: eventId } = await clientCall(
    alice,
    "PUT",
    `/rooms/${encodeURIComponent(roomId)}/send/m.room.message/t1`,
    {
      msgtype: "m.text",
      body: "hello bob",
    },
  );

  const seen = await readRoomEvents(synapse.baseUrl, bob.accessToken, roomId, { limit: 50 });
  const last = seen.at(-1);
  expect(last).toMatchObject({
    event_id: eventId,
    type: "m.room.message",
    sender: alice.userId,
    content: { body: "hello bob" },
  });
  // Oldest first: the room's creation comes before the message.
  expect(seen[0]?.type).toBe("m.room.create");

  await synapse.stop();
  await expect(fetch(`${synapse.baseUrl}/_matrix/client/versions`)).rejects.toThrow();
  await synapse.start();
  const afterRestart = await readRoomEvents(synapse.baseUrl, bob.accessToken, roomId);
  expect(afterRestart.map((event) => event.event_id)).toContain(eventId);
});

test("lifting a user's rate limits is accepted by the admin API", async () => {
  await synapse.liftRateLimits(alice.userId);
});

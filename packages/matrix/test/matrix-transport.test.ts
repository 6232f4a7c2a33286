import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createMatrixTransport, MatrixCallError, type MatrixFailure, type MatrixTransport } from "../src/index.ts";
import {
  createRoom,
  readRoomEvents,
  startSynapse,
  type RegisteredUser,
  type TestSynapse,
} from "../src/testing/index.ts";

let synapse: TestSynapse;
let alice: RegisteredUser;
let bob: RegisteredUser;
let aliceTransport: MatrixTransport;
let bobTransport: MatrixTransport;

beforeAll(async () => {
  synapse = await startSynapse();
  alice = await synapse.registerUser("alice");
  bob = await synapse.registerUser("bob");
  aliceTransport = await createMatrixTransport({
    baseUrl: synapse.baseUrl,
    accessToken: alice.accessToken,
    userId: alice.userId,
  });
  bobTransport = await createMatrixTransport({ baseUrl: synapse.baseUrl, accessToken: bob.accessToken });
});
afterAll(() => synapse?.close());

async function failureOf(promise: Promise<unknown>): Promise<MatrixFailure> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MatrixCallError);
  return (error as MatrixCallError).failure;
}

const text = (body: string) => ({ msgtype: "m.text", body });

test("asks the homeserver who it is when no user id is given", () => {
  expect(bobTransport.userId).toBe(bob.userId);
  expect(aliceTransport.userId).toBe(alice.userId);
});

test("the same transaction id sent twice makes one event", async () => {
  const roomId = await createRoom(synapse.baseUrl, alice.accessToken);
  const first = await aliceTransport.sendEvent(roomId, "m.room.message", text("once"), "txn-once");
  const second = await aliceTransport.sendEvent(roomId, "m.room.message", text("once"), "txn-once");
  expect(second).toBe(first);
  const messages = (await readRoomEvents(synapse.baseUrl, alice.accessToken, roomId)).filter(
    (event) => event.type === "m.room.message",
  );
  expect(messages.map((event) => event.event_id)).toEqual([first]);
});

test("sending to a room the account is not in is not_in_room; joining fixes it", async () => {
  const roomId = await createRoom(synapse.baseUrl, alice.accessToken, { isPublic: true, aliasLocalpart: "sig-kernel" });
  const failure = await failureOf(bobTransport.sendEvent(roomId, "m.room.message", text("hi"), "bob-1"));
  expect(failure.kind).toBe("not_in_room");

  expect(await bobTransport.resolveRoom("#sig-kernel:localhost")).toBe(roomId);
  expect(await bobTransport.resolveRoom(roomId)).toBe(roomId);
  expect(await bobTransport.joinRoom("#sig-kernel:localhost")).toBe(roomId);
  const eventId = await bobTransport.sendEvent(roomId, "m.room.message", text("hi"), "bob-1");
  const last = (await readRoomEvents(synapse.baseUrl, alice.accessToken, roomId)).at(-1);
  expect(last).toMatchObject({ event_id: eventId, sender: bob.userId, content: { body: "hi" } });
});

test("an invited account joins by room id", async () => {
  const roomId = await createRoom(synapse.baseUrl, alice.accessToken, { invite: [bob.userId] });
  expect(await bobTransport.joinRoom(roomId)).toBe(roomId);
});

test("joining a private room without an invite is forbidden", async () => {
  const roomId = await createRoom(synapse.baseUrl, alice.accessToken);
  expect((await failureOf(bobTransport.joinRoom(roomId))).kind).toBe("forbidden");
});

test("an alias that does not exist is unknown_room", async () => {
  expect((await failureOf(bobTransport.resolveRoom("#nowhere:localhost"))).kind).toBe("unknown_room");
  expect((await failureOf(bobTransport.joinRoom("#nowhere:localhost"))).kind).toBe("unknown_room");
});

test("redacts an event", async () => {
  const roomId = await createRoom(synapse.baseUrl, alice.accessToken);
  const eventId = await aliceTransport.sendEvent(roomId, "m.room.message", text("oops"), "to-redact");
  const redactionId = await aliceTransport.redactEvent(roomId, eventId, "redact-1", "posted by mistake");
  const events = await readRoomEvents(synapse.baseUrl, alice.accessToken, roomId);
  expect(events.find((event) => event.event_id === eventId)?.content).toEqual({});
  expect(events.find((event) => event.event_id === redactionId)).toMatchObject({
    type: "m.room.redaction",
    content: { reason: "posted by mistake" },
  });
});

test("a token the homeserver does not know is forbidden", async () => {
  const failure = await failureOf(createMatrixTransport({ baseUrl: synapse.baseUrl, accessToken: "not-a-token" }));
  expect(failure.kind).toBe("forbidden");
});

describe("while the homeserver is down", () => {
  test("every call fails as transient, and works again once it is back", async () => {
    const roomId = await createRoom(synapse.baseUrl, alice.accessToken);
    await synapse.stop();
    try {
      const failure = await failureOf(aliceTransport.sendEvent(roomId, "m.room.message", text("later"), "down-1"));
      expect(failure.kind).toBe("transient");
      expect(failure.reason).toMatch(/ECONNREFUSED|fetch failed/);
      expect((await failureOf(aliceTransport.joinRoom(roomId))).kind).toBe("transient");
    } finally {
      await synapse.start();
    }
    expect(await aliceTransport.sendEvent(roomId, "m.room.message", text("later"), "down-1")).toMatch(/^\$/);
  });

  test("a request that hangs past the timeout is transient", async () => {
    const { createServer } = await import("node:http");
    // Accepts the connection and never answers.
    const server = createServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (typeof address !== "object" || !address) throw new Error("no address");
    try {
      const transport = await createMatrixTransport({
        baseUrl: `http://127.0.0.1:${address.port}`,
        accessToken: "x",
        userId: "@x:localhost",
        requestTimeoutMs: 200,
      });
      const failure = await failureOf(transport.sendEvent("!r:localhost", "m.room.message", text("x"), "t"));
      expect(failure.kind).toBe("transient");
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

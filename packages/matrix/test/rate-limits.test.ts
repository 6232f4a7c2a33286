import { afterAll, beforeAll, expect, test } from "vitest";
import { createMatrixTransport, MatrixCallError, type MatrixTransport } from "../src/index.ts";
import { createRoom, startSynapse, type RegisteredUser, type TestSynapse } from "../src/testing/index.ts";

// Synapse's own limits: rc_message allows 0.2 messages a second after a burst of 10.
let synapse: TestSynapse;

beforeAll(async () => {
  synapse = await startSynapse({ rateLimits: "default" });
});
afterAll(() => synapse?.close());

async function userWithRoom(
  localpart: string,
): Promise<{ user: RegisteredUser; transport: MatrixTransport; roomId: string }> {
  const user = await synapse.registerUser(localpart);
  const transport = await createMatrixTransport({
    baseUrl: synapse.baseUrl,
    accessToken: user.accessToken,
    userId: user.userId,
  });
  return { user, transport, roomId: await createRoom(synapse.baseUrl, user.accessToken) };
}

async function burst(transport: MatrixTransport, roomId: string, count: number): Promise<unknown[]> {
  const outcomes: unknown[] = [];
  // Stops at the first failure: Synapse holds every rate-limited answer back for half a second.
  for (let i = 0; i < count && !(outcomes.at(-1) instanceof Error); i++) {
    outcomes.push(
      await transport
        .sendEvent(roomId, "m.room.message", { msgtype: "m.text", body: `#${i}` }, `burst-${i}`)
        .catch((error: unknown) => error),
    );
  }
  return outcomes;
}

test("a burst past the limit is rate_limited with the time to wait", async () => {
  const { transport, roomId } = await userWithRoom("chatty");
  const outcomes = await burst(transport, roomId, 20);
  const limited = outcomes.at(-1);
  expect(limited).toBeInstanceOf(MatrixCallError);
  if (!(limited instanceof MatrixCallError)) throw new Error("unreachable");
  expect(limited.failure).toMatchObject({ kind: "rate_limited" });
  if (limited.failure.kind !== "rate_limited") throw new Error("unreachable");
  expect(limited.failure.retryAfterMs).toBeGreaterThan(0);
  // The burst allowance came first.
  expect(outcomes.filter((outcome) => typeof outcome === "string").length).toBeGreaterThanOrEqual(5);
});

test("a user whose limits were lifted sends the same burst without being limited", async () => {
  const { user, transport, roomId } = await userWithRoom("bot");
  await synapse.liftRateLimits(user.userId);
  const outcomes = await burst(transport, roomId, 20);
  expect(outcomes.filter((outcome) => outcome instanceof Error)).toEqual([]);
  expect(outcomes).toHaveLength(20);
});

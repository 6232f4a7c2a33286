import { insertDeliveries, type Sql } from "@agora/db";
import { freshDatabase, type TestDatabase } from "@agora/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processDelivery, type DeliveryConsumer } from "../src/index.ts";
import { fixtureText } from "./harness.ts";

const issue = fixtureText("gitlab/issue-open.json");
const quiet = { info() {}, warn() {} };

describe("processing a stored delivery", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase("postgres");
  });
  afterAll(() => t.drop());

  async function stored(body: string): Promise<string> {
    const [id] = await insertDeliveries(t.db, [
      { source: "gitlab", dedupeKey: crypto.randomUUID(), event: "Issue Hook", headers: {}, body },
    ]);
    return id!;
  }

  async function row(id: string) {
    const [found] = await t.db.query<{ processed_at: Date | null; outcome: string | null }>(
      "select processed_at, outcome from agora_inbox where id = $1",
      [id],
    );
    return found;
  }

  const run = (id: string, consumers: DeliveryConsumer[]) =>
    processDelivery({ ctx: { db: t.db, consumers, logger: quiet }, input: { deliveryId: id, source: "gitlab" } });

  it("hands a valid delivery to the consumers that take it, once", async () => {
    const taken: string[] = [];
    const consumer = { name: "triage", accept: async (_tx: Sql) => Boolean(taken.push("x")) };
    const id = await stored(issue);
    expect(await run(id, [consumer])).toBe("issue/open → triage");
    expect(await run(id, [consumer])).toBe("issue/open → triage");
    expect(taken).toHaveLength(1);
  });

  it("marks a delivery invalid at once when its text cannot be stored, naming the field", async () => {
    const body = JSON.parse(issue);
    body.object_attributes.title = "boot \u0000 fails";
    const id = await stored(JSON.stringify(body));
    expect(await run(id, [])).toMatch(/^invalid: object_attributes\.title: contains a NUL character/);
    expect(await row(id)).toMatchObject({ processed_at: expect.any(Date) });
  });

  it("marks a delivery invalid in one attempt when the database refuses what a consumer writes", async () => {
    const id = await stored(issue);
    const consumer = {
      name: "forums",
      accept: async (tx: Sql) => Boolean(await tx.query("select $1::jsonb", ['"\\u0000"'])),
    };
    expect(await run(id, [consumer])).toBe(
      "invalid: the database refused what a consumer stored of it (SQLSTATE 22P05)",
    );
    expect(await row(id)).toMatchObject({
      processed_at: expect.any(Date),
      outcome: expect.stringMatching(/^invalid: /),
    });
  });

  it("leaves the delivery pending for another attempt when the failure may pass", async () => {
    const id = await stored(issue);
    const consumer = {
      name: "triage",
      accept: async () => {
        throw new Error("connection terminated");
      },
    };
    await expect(run(id, [consumer])).rejects.toThrow("connection terminated");
    expect(await row(id)).toEqual({ processed_at: null, outcome: null });
  });
});

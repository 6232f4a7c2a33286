import type { Sql } from "@agora/db";
import { dialects, freshDatabase, type TestDatabase } from "@agora/db/testing";
import type { DeliveryJob } from "@agora/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeliveryStore, DeliveryRefusedError } from "../src/index.ts";

const delivery = (i: number, body = `{"n":${i}}`) => ({
  source: "gitlab" as const,
  dedupeKey: `idempotency::${i}`,
  event: "Issue Hook",
  headers: {},
  body,
});

describe.each(dialects)("group commit on %s", (dialect) => {
  let t: TestDatabase;
  const enqueued: DeliveryJob[] = [];
  const enqueue = async (_tx: Sql, jobs: DeliveryJob[]) => void enqueued.push(...jobs);
  beforeAll(async () => {
    t = await freshDatabase(dialect);
  });
  afterAll(() => t.drop());

  it("writes every delivery of a batch but the ones the database refuses, and refuses those alone", async () => {
    const store = createDeliveryStore({ db: t.db, enqueue });
    // A raw NUL in text: never what the intake passes on (JSON refuses it), but what the database refuses.
    const refused = new Set([7, 120, 121]);
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => store.store(delivery(i, refused.has(i) ? "{\u0000}" : undefined))),
    );
    results.forEach((result, i) => {
      if (refused.has(i)) {
        expect(result.status).toBe("rejected");
        expect((result as PromiseRejectedResult).reason).toBeInstanceOf(DeliveryRefusedError);
        expect((result as PromiseRejectedResult).reason.sqlState).toMatch(/^22/);
      } else {
        expect(result).toEqual({ status: "fulfilled", value: { id: expect.any(String), stored: true } });
      }
    });
    const [row] = await t.db.query<{ n: number }>("select count(*)::int as n from agora_inbox");
    expect(row?.n).toBe(197);
    expect(enqueued).toHaveLength(197);
  });

  it("fails the whole batch when the database itself fails, so no request is told it was stored", async () => {
    const store = createDeliveryStore({
      db: t.db,
      enqueue: async () => {
        throw new Error("queue is down");
      },
    });
    const results = await Promise.allSettled([1, 2, 3].map((i) => store.store(delivery(1000 + i))));
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(results.some((r) => (r as PromiseRejectedResult).reason instanceof DeliveryRefusedError)).toBe(false);
  });
});

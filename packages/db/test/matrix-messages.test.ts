import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  claimDigestMembers,
  claimPings,
  findMatrixMessage,
  findMatrixMessages,
  listSentMatrixMessageKeys,
  matrixMessageCounts,
  pendingDigestBody,
  recordDigestSent,
  recordMatrixMessage,
  storeDigest,
} from "../src/index.ts";
import { dialects, freshDatabase, type TestDatabase } from "../src/testing.ts";

describe.each(dialects)("sent Matrix messages on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(dialect);
  });
  afterAll(() => t.drop());
  const key = () => `test:${randomUUID()}`;

  it("records the event of a key once and keeps the first event id", async () => {
    const k = key();
    expect(await findMatrixMessage(t.db, k)).toBeUndefined();
    await recordMatrixMessage(t.db, { dedupeKey: k, roomId: "!r:hs", eventId: "$first" });
    await recordMatrixMessage(t.db, { dedupeKey: k, roomId: "!r:hs", eventId: "$second" });
    expect(await findMatrixMessage(t.db, k)).toMatchObject({
      dedupeKey: k,
      roomId: "!r:hs",
      eventId: "$first",
      digestKey: null,
    });
    expect((await matrixMessageCounts(t.db)).sent).toBeGreaterThanOrEqual(1);
  });

  it("lists the sent keys under a prefix, literally: a % or _ in it matches only itself", async () => {
    const base = `${key()}:post_1%:`;
    await recordMatrixMessage(t.db, { dedupeKey: `${base}v1`, roomId: "!r:hs", eventId: "$v1" });
    await recordMatrixMessage(t.db, { dedupeKey: `${base}v1:edit:2`, roomId: "!r:hs", eventId: "$e2" });
    await recordMatrixMessage(t.db, {
      dedupeKey: base.replace("post_1%", "postX1Y") + "v1",
      roomId: "!r:hs",
      eventId: "$other",
    });
    await t.db.transaction((tx) =>
      claimDigestMembers(tx, { digestKey: `${base}digest`, roomId: "!r:hs", members: [`${base}waiting`] }),
    );
    expect(await listSentMatrixMessageKeys(t.db, base)).toEqual([`${base}v1`, `${base}v1:edit:2`]);
  });

  it("lets a person be pinged once a day per subject", async () => {
    const subject = key();
    const day = "2026-12-04";
    expect(await claimPings(t.db, { subject, userIds: ["@a:hs", "@b:hs", "@a:hs"], day })).toEqual(["@a:hs", "@b:hs"]);
    expect(await claimPings(t.db, { subject, userIds: ["@a:hs", "@c:hs"], day: "2026-12-04" })).toEqual(["@c:hs"]);
    expect(await claimPings(t.db, { subject: key(), userIds: ["@a:hs"], day })).toEqual(["@a:hs"]);
    expect(await claimPings(t.db, { subject, userIds: ["@a:hs"], day: "2026-12-05" })).toEqual(["@a:hs"]);
  });

  it("claims messages for one digest only, and marks them all sent with the digest", async () => {
    const [a, b, c, d1, d2] = [key(), key(), key(), key(), key()];
    await recordMatrixMessage(t.db, { dedupeKey: c, roomId: "!r:hs", eventId: "$c" });
    const claim = (digestKey: string, members: string[]) =>
      t.db.transaction(async (tx) => {
        const claimed = await claimDigestMembers(tx, { digestKey, roomId: "!r:hs", members });
        if (claimed.length)
          await storeDigest(tx, { digestKey, roomId: "!r:hs", body: claimed.length === 2 ? "a, b" : "?" });
        return claimed;
      });
    expect((await claim(d1, [a, b, c])).sort()).toEqual([a, b].sort());
    // A second digest over the same messages claims nothing.
    expect(await claim(d2, [a, b])).toEqual([]);
    expect(await findMatrixMessage(t.db, d2)).toBeUndefined();
    expect(await pendingDigestBody(t.db, d1)).toBe("a, b");

    await recordDigestSent(t.db, d1, "$digest");
    const found = await findMatrixMessages(t.db, [a, b, c, d1]);
    expect([a, b, d1].map((k) => found.get(k)?.eventId)).toEqual(["$digest", "$digest", "$digest"]);
    expect(found.get(a)?.digestKey).toBe(d1);
    expect(found.get(c)?.eventId).toBe("$c");
    expect(await pendingDigestBody(t.db, d1)).toBeUndefined();
  });
});

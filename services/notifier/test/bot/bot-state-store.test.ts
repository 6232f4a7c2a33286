import { dialects, freshDatabase, type TestDatabase } from "@agora/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBotStateStore } from "../../src/bot/bot-state-store.ts";

describe.each(dialects)("bot state store on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(dialect);
  });
  afterAll(() => t.drop());

  it("keeps the session and the sync token apart, per account", async () => {
    const store = createBotStateStore({ db: t.db });
    const bot = { homeserver: "https://matrix.example.org", userId: "@agora:example.org" };
    const other = { homeserver: "https://other.example.org", userId: "@agora:example.org" };
    expect(await store.loadSession(bot)).toBeUndefined();
    expect(await store.loadSyncToken(bot)).toBeUndefined();

    await store.saveSyncToken(bot, "s1");
    expect(await store.loadSession(bot)).toBeUndefined();
    await store.saveSession(bot, { accessToken: "syt_1", deviceId: "DEV1" });
    await store.saveSyncToken(bot, "s2");
    expect(await store.loadSession(bot)).toEqual({ accessToken: "syt_1", deviceId: "DEV1" });
    expect(await store.loadSyncToken(bot)).toBe("s2");

    await store.saveSession(bot, { accessToken: "syt_2", deviceId: "DEV1" });
    expect(await store.loadSyncToken(bot)).toBe("s2");
    expect(await store.loadSession(bot)).toEqual({ accessToken: "syt_2", deviceId: "DEV1" });
    expect(await store.loadSyncToken(other)).toBeUndefined();
  });
});

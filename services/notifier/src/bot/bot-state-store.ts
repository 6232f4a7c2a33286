import { getBotState, saveBotSession, saveBotSyncToken, type BotAccount, type Sql } from "@agora/db";

export type { BotAccount };

export interface StoredSession {
  accessToken: string;
  deviceId: string;
}

/** What the bot keeps across restarts: its session and its sync position, per account. */
export interface BotStateStore {
  loadSession(account: BotAccount): Promise<StoredSession | undefined>;
  saveSession(account: BotAccount, session: StoredSession): Promise<void>;
  loadSyncToken(account: BotAccount): Promise<string | undefined>;
  saveSyncToken(account: BotAccount, nextBatch: string): Promise<void>;
}

export function createBotStateStore({ db }: { db: Sql }): BotStateStore {
  return {
    async loadSession(account) {
      const row = await getBotState(db, account);
      return row?.accessToken && row.deviceId ? { accessToken: row.accessToken, deviceId: row.deviceId } : undefined;
    },
    saveSession: (account, session) => saveBotSession(db, account, session),
    async loadSyncToken(account) {
      return (await getBotState(db, account))?.nextBatch ?? undefined;
    },
    saveSyncToken: (account, nextBatch) => saveBotSyncToken(db, account, nextBatch),
  };
}

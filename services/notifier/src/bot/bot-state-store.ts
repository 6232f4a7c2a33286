import type { Sql } from "@agora/db";

/** Which bot account a row belongs to: the same account on two homeservers is two rows. */
export interface BotAccount {
  homeserver: string;
  userId: string;
}

export interface StoredSession {
  accessToken: string;
  deviceId: string;
}

/** What the bot keeps across restarts (table `agora_matrix_bot`, migration 0003). */
export interface BotStateStore {
  loadSession(account: BotAccount): Promise<StoredSession | undefined>;
  saveSession(account: BotAccount, session: StoredSession): Promise<void>;
  loadSyncToken(account: BotAccount): Promise<string | undefined>;
  saveSyncToken(account: BotAccount, nextBatch: string): Promise<void>;
}

export function createBotStateStore({ db }: { db: Sql }): BotStateStore {
  const read = async (account: BotAccount) => {
    const rows = await db.query<{ access_token: string | null; device_id: string | null; next_batch: string | null }>(
      "select access_token, device_id, next_batch from agora_matrix_bot where homeserver = $1 and user_id = $2",
      [account.homeserver, account.userId],
    );
    return rows[0];
  };
  const upsert = async (account: BotAccount, column: "session" | "next_batch", values: unknown[]) => {
    const set = column === "session" ? "access_token = $3, device_id = $4" : "next_batch = $3";
    const insertColumns = column === "session" ? "access_token, device_id" : "next_batch";
    const placeholders = column === "session" ? "$3, $4" : "$3";
    await db.query(
      `insert into agora_matrix_bot (homeserver, user_id, ${insertColumns}) values ($1, $2, ${placeholders})
       on conflict (homeserver, user_id) do update set ${set}, updated_at = now()`,
      [account.homeserver, account.userId, ...values],
    );
  };
  return {
    async loadSession(account) {
      const row = await read(account);
      return row?.access_token && row.device_id ? { accessToken: row.access_token, deviceId: row.device_id } : undefined;
    },
    saveSession: (account, session) => upsert(account, "session", [session.accessToken, session.deviceId]),
    async loadSyncToken(account) {
      return (await read(account))?.next_batch ?? undefined;
    },
    saveSyncToken: (account, nextBatch) => upsert(account, "next_batch", [nextBatch]),
  };
}

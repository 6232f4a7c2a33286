import type { Sql } from "../sql.ts";

/** Which bot account a row belongs to: the same account on two homeservers is two rows. */
export interface BotAccount {
  homeserver: string;
  userId: string;
}

/** What the bot keeps across restarts for one account (table `agora_matrix_bot`, migration 0003). */
export interface BotStateRow {
  accessToken: string | null;
  deviceId: string | null;
  nextBatch: string | null;
}

export async function getBotState(sql: Sql, account: BotAccount): Promise<BotStateRow | undefined> {
  const rows = await sql.query<{ access_token: string | null; device_id: string | null; next_batch: string | null }>(
    "select access_token, device_id, next_batch from agora_matrix_bot where homeserver = $1 and user_id = $2",
    [account.homeserver, account.userId],
  );
  const row = rows[0];
  return row && { accessToken: row.access_token, deviceId: row.device_id, nextBatch: row.next_batch };
}

export async function saveBotSession(
  sql: Sql,
  account: BotAccount,
  session: { accessToken: string; deviceId: string },
): Promise<void> {
  await sql.query(
    `insert into agora_matrix_bot (homeserver, user_id, access_token, device_id) values ($1, $2, $3, $4)
     on conflict (homeserver, user_id) do update set access_token = $3, device_id = $4, updated_at = now()`,
    [account.homeserver, account.userId, session.accessToken, session.deviceId],
  );
}

export async function saveBotSyncToken(sql: Sql, account: BotAccount, nextBatch: string): Promise<void> {
  await sql.query(
    `insert into agora_matrix_bot (homeserver, user_id, next_batch) values ($1, $2, $3)
     on conflict (homeserver, user_id) do update set next_batch = $3, updated_at = now()`,
    [account.homeserver, account.userId, nextBatch],
  );
}

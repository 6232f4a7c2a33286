import type { Migration } from "../migrate.ts";

// One row per bot account and homeserver. The session is kept so that a restart reuses the
// device it logged in with (a login per start would leave a new device behind each time), and
// the sync token so that a restart neither replays nor misses commands. It lives in the
// database rather than under AGORA_DATA_DIR because replicas on Kubernetes have no lasting disk.
export const matrixBot: Migration = {
  id: "0003-matrix-bot",
  sql: `
    create table agora_matrix_bot (
      homeserver text not null,
      user_id text not null,
      -- Only for a password login; a token from MATRIX_ACCESS_TOKEN is never copied here.
      device_id text,
      access_token text,
      next_batch text,
      updated_at timestamptz not null default now(),
      primary key (homeserver, user_id)
    );
  `,
};

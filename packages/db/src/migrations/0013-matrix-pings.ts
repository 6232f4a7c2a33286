import type { Migration } from "../migrate.ts";

// Who the bot pinged about what, by day: a person is pinged at most once a day per issue, however
// many messages about it go out. Rows older than a day are worth nothing and may be deleted.
export const matrixPings: Migration = {
  id: "0013-matrix-pings",
  sql: `
    create table agora_matrix_ping (
      user_id text not null,
      subject text not null,
      day date not null,
      primary key (user_id, subject, day)
    );
  `,
};

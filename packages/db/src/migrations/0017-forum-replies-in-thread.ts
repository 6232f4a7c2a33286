import type { Migration } from "../migrate.ts";

// Whether a post went into its topic's thread in a room: a deleted topic takes its replies back
// with it, and a recovery posts each again as it was, in the thread or not, whatever the rules
// (which may name the category by a slug the topic's payload does not carry) say then.
export const forumRepliesInThread: Migration = {
  id: "0017-forum-replies-in-thread",
  sql: `
    alter table agora_forum_message add column in_thread boolean not null default false;
  `,
};

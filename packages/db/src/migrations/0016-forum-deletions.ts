import type { Migration } from "../migrate.ts";

// What Discourse deleted, remembered whatever order its events are processed in: a post or a
// topic deleted before its creation or edit reached the bridge (or whose edit is retried later)
// must not be posted afterwards, in any room. Every edit key a post's row ever enqueued is kept,
// so that a deletion redacts the edits not sent yet too, not only those the notifier recorded.
export const forumDeletions: Migration = {
  id: "0016-forum-deletions",
  sql: `
    alter table agora_forum_message add column edit_keys text[] not null default '{}';
    alter table agora_forum_topic add column destroyed boolean not null default false;
    create table agora_forum_deleted_post (
      instance text not null,
      post_id bigint not null,
      deleted_at timestamptz not null default now(),
      primary key (instance, post_id)
    );
  `,
};

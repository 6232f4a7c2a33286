import type { Migration } from "../migrate.ts";

// What makes a forum post private after the fact, short of a deletion: a topic unlisted, turned
// into a private message or moved to a category no rule bridges (kept with the topic, as its last
// event said), and a post hidden by flags. Category slugs are learned from post payloads, since
// a topic's payload names its category by id only and rules may name it by slug.
export const forumKeptBack: Migration = {
  id: "0019-forum-kept-back",
  sql: `
    alter table agora_forum_topic add column archetype text;
    alter table agora_forum_topic add column visible boolean;
    create table agora_forum_hidden_post (
      instance text not null,
      post_id bigint not null,
      hidden_at timestamptz not null default now(),
      primary key (instance, post_id)
    );
    create table agora_forum_category (
      instance text not null,
      category_id bigint not null,
      slug text not null,
      primary key (instance, category_id)
    );
  `,
};

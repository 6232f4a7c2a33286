import type { Migration } from "../migrate.ts";

// What the forum bridge has posted, one row per Discourse post and Matrix room. An edit replaces
// `message_key`, a deletion redacts it, a recovery posts again under a new generation: the row
// is what makes those decisions idempotent whatever event ids Discourse's retries carry. The
// text is kept because `topic_recovered` carries none. Topics keep their tags and category,
// since Discourse's post payloads carry neither the tags nor always the slug.
export const forumMessages: Migration = {
  id: "0004-forum-messages",
  sql: `
    create table agora_forum_message (
      instance text not null,
      post_id bigint not null,
      room text not null,
      topic_id bigint not null,
      post_number int not null,
      category_id bigint,
      generation int not null default 0,
      version int not null,
      message_key text not null,
      body text not null,
      html text,
      deleted boolean not null default false,
      updated_at timestamptz not null default now(),
      primary key (instance, post_id, room)
    );
    create index agora_forum_message_topic on agora_forum_message (instance, topic_id, post_number);
    create table agora_forum_topic (
      instance text not null,
      topic_id bigint not null,
      category_id bigint,
      tags text[] not null default '{}',
      updated_at timestamptz not null default now(),
      primary key (instance, topic_id)
    );
  `,
};

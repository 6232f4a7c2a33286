import type { Sql } from "../sql.ts";

/** One Discourse post as bridged into one Matrix room. */
export interface ForumMessage {
  instance: string;
  postId: number;
  room: string;
  topicId: number;
  postNumber: number;
  categoryId: number | null;
  /** Raised by each recovery, so that the post shows again under a new dedupe key. */
  generation: number;
  version: number;
  /** The dedupe key of the message that edits replace and deletions redact. */
  messageKey: string;
  body: string;
  html: string | null;
  deleted: boolean;
  /** Every edit enqueued for this generation, sent or not: a deletion redacts them all. */
  editKeys: string[];
  /** Posted in the topic's thread (a reply under `thread`), and so posted again there by a recovery. */
  inThread: boolean;
}

interface ForumMessageRow {
  instance: string;
  post_id: string | number;
  room: string;
  topic_id: string | number;
  post_number: number;
  category_id: string | number | null;
  generation: number;
  version: number;
  message_key: string;
  body: string;
  html: string | null;
  deleted: boolean;
  edit_keys: string[];
  in_thread: boolean;
}

const toMessage = (r: ForumMessageRow): ForumMessage => ({
  instance: r.instance,
  postId: Number(r.post_id),
  room: r.room,
  topicId: Number(r.topic_id),
  postNumber: r.post_number,
  categoryId: r.category_id === null ? null : Number(r.category_id),
  generation: r.generation,
  version: r.version,
  messageKey: r.message_key,
  body: r.body,
  html: r.html,
  deleted: r.deleted,
  editKeys: r.edit_keys,
  inThread: r.in_thread,
});

const columns =
  "instance, post_id, room, topic_id, post_number, category_id, generation, version, message_key, body, html, deleted, edit_keys, in_thread";

/** The two-key advisory locks of the forum bridge, apart from every single-key lock. */
const FORUM_LOCK_CLASS = 4004;

/**
 * Makes every event of one topic (its own, and its posts') wait for the others in flight, until
 * the transaction ends. Row locks cannot do it when there is no row yet: a deletion processed
 * beside the post's creation would find nothing to remove, and the creation no deletion.
 */
export async function lockForumTopicEvents(tx: Sql, instance: string, topicId: number): Promise<void> {
  await tx.query("select pg_advisory_xact_lock($1::int, hashtext($2))", [FORUM_LOCK_CLASS, `${instance}\n${topicId}`]);
}

/** The post's rows, locked until the transaction ends, so two deliveries of it take turns. */
export async function lockForumPost(tx: Sql, instance: string, postId: number): Promise<ForumMessage[]> {
  const rows = await tx.query<ForumMessageRow>(
    `select ${columns} from agora_forum_message where instance = $1 and post_id = $2 order by room for update`,
    [instance, postId],
  );
  return rows.map(toMessage);
}

/** The rows of a topic's post `postNumber` (1: the topic's own message), locked. */
export async function lockForumTopicPosts(
  tx: Sql,
  instance: string,
  topicId: number,
  postNumber: number,
): Promise<ForumMessage[]> {
  const rows = await tx.query<ForumMessageRow>(
    `select ${columns} from agora_forum_message
      where instance = $1 and topic_id = $2 and post_number = $3 order by room for update`,
    [instance, topicId, postNumber],
  );
  return rows.map(toMessage);
}

/** Every bridged post of a topic, locked. */
export async function lockForumTopic(tx: Sql, instance: string, topicId: number): Promise<ForumMessage[]> {
  const rows = await tx.query<ForumMessageRow>(
    `select ${columns} from agora_forum_message where instance = $1 and topic_id = $2 order by post_id, room for update`,
    [instance, topicId],
  );
  return rows.map(toMessage);
}

/**
 * Writes a post's row for a room. Returns false when a concurrent delivery of the same post
 * inserted it first: the caller then leaves the message to that one.
 */
export async function insertForumMessage(tx: Sql, m: ForumMessage): Promise<boolean> {
  const rows = await tx.query(
    `insert into agora_forum_message (${columns}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::text[], $14)
     on conflict (instance, post_id, room) do nothing returning 1`,
    [
      m.instance,
      m.postId,
      m.room,
      m.topicId,
      m.postNumber,
      m.categoryId,
      m.generation,
      m.version,
      m.messageKey,
      m.body,
      m.html,
      m.deleted,
      m.editKeys,
      m.inThread,
    ],
  );
  return rows.length === 1;
}

export async function updateForumMessage(tx: Sql, m: ForumMessage): Promise<void> {
  await tx.query(
    `update agora_forum_message
        set category_id = $4, generation = $5, version = $6, message_key = $7, body = $8, html = $9, deleted = $10,
            edit_keys = $11::text[], in_thread = $12, updated_at = now()
      where instance = $1 and post_id = $2 and room = $3`,
    [
      m.instance,
      m.postId,
      m.room,
      m.categoryId,
      m.generation,
      m.version,
      m.messageKey,
      m.body,
      m.html,
      m.deleted,
      m.editKeys,
      m.inThread,
    ],
  );
}

/** A topic as Discourse last told of it: what routes its posts, and what may make them private. */
export interface ForumTopicState {
  instance: string;
  topicId: number;
  categoryId: number | null;
  tags: readonly string[];
  /** `regular`, `banner`, `private_message`; null when no topic event said. */
  archetype: string | null;
  /** False when the topic is unlisted; null when no topic event said. */
  visible: boolean | null;
}

export async function saveForumTopic(tx: Sql, topic: ForumTopicState): Promise<void> {
  await tx.query(
    `insert into agora_forum_topic (instance, topic_id, category_id, tags, archetype, visible) values ($1, $2, $3, $4::text[], $5, $6)
     on conflict (instance, topic_id) do update
       set category_id = excluded.category_id, tags = excluded.tags, archetype = excluded.archetype, visible = excluded.visible, updated_at = now()`,
    [topic.instance, topic.topicId, topic.categoryId, topic.tags, topic.archetype, topic.visible],
  );
}

/** The topic's last known state, if a topic event was ever processed. */
export async function findForumTopic(
  db: Sql,
  instance: string,
  topicId: number,
): Promise<(ForumTopicState & { destroyed: boolean }) | undefined> {
  const [row] = await db.query<{
    category_id: string | number | null;
    tags: string[];
    archetype: string | null;
    visible: boolean | null;
    destroyed: boolean;
  }>(
    "select category_id, tags, archetype, visible, destroyed from agora_forum_topic where instance = $1 and topic_id = $2 and archetype is not null",
    [instance, topicId],
  );
  if (!row) return undefined;
  const categoryId = row.category_id === null ? null : Number(row.category_id);
  return {
    instance,
    topicId,
    categoryId,
    tags: row.tags,
    archetype: row.archetype,
    visible: row.visible,
    destroyed: row.destroyed,
  };
}

/** Remembers a category's slug, which post payloads carry and topic payloads do not. */
export async function saveForumCategorySlug(
  tx: Sql,
  instance: string,
  categoryId: number,
  slug: string,
): Promise<void> {
  await tx.query(
    `insert into agora_forum_category (instance, category_id, slug) values ($1, $2, $3)
     on conflict (instance, category_id) do update set slug = excluded.slug where agora_forum_category.slug <> excluded.slug`,
    [instance, categoryId, slug],
  );
}

export async function findForumCategorySlug(
  db: Sql,
  instance: string,
  categoryId: number,
): Promise<string | undefined> {
  const [row] = await db.query<{ slug: string }>(
    "select slug from agora_forum_category where instance = $1 and category_id = $2",
    [instance, categoryId],
  );
  return row?.slug;
}

/** Remembers a post as hidden on the forum (by flags), or, `false`, shown again. Returns whether it was hidden before. */
export async function markForumPostHidden(
  tx: Sql,
  instance: string,
  postId: number,
  hidden: boolean,
): Promise<boolean> {
  const rows = await tx.query(
    hidden
      ? "insert into agora_forum_hidden_post (instance, post_id) values ($1, $2) on conflict (instance, post_id) do nothing returning 0"
      : "delete from agora_forum_hidden_post where instance = $1 and post_id = $2 returning 1",
    [instance, postId],
  );
  return hidden ? rows.length === 0 : rows.length === 1;
}

export async function findForumTopicTags(db: Sql, instance: string, topicId: number): Promise<string[] | undefined> {
  const [row] = await db.query<{ tags: string[] }>(
    "select tags from agora_forum_topic where instance = $1 and topic_id = $2",
    [instance, topicId],
  );
  return row?.tags;
}

/** Remembers a post as deleted on the forum (or, `false`, recovered), whether it was bridged or not. */
export async function markForumPostDeleted(tx: Sql, instance: string, postId: number, deleted: boolean): Promise<void> {
  await tx.query(
    deleted
      ? "insert into agora_forum_deleted_post (instance, post_id) values ($1, $2) on conflict (instance, post_id) do nothing"
      : "delete from agora_forum_deleted_post where instance = $1 and post_id = $2",
    [instance, postId],
  );
}

/** Remembers a topic as deleted on the forum (or, `false`, recovered), whether it was bridged or not. */
export async function markForumTopicDestroyed(
  tx: Sql,
  instance: string,
  topicId: number,
  destroyed: boolean,
): Promise<void> {
  await tx.query(
    `insert into agora_forum_topic (instance, topic_id, destroyed) values ($1, $2, $3)
     on conflict (instance, topic_id) do update set destroyed = excluded.destroyed, updated_at = now()`,
    [instance, topicId, destroyed],
  );
}

/** Which of these posts are off on their own: deleted one by one (not with their topic), or hidden. */
export async function listForumPostsOff(db: Sql, instance: string, postIds: readonly number[]): Promise<Set<number>> {
  if (!postIds.length) return new Set();
  const rows = await db.query<{ post_id: string | number }>(
    `select post_id from agora_forum_deleted_post where instance = $1 and post_id = any($2::bigint[])
     union select post_id from agora_forum_hidden_post where instance = $1 and post_id = any($2::bigint[])`,
    [instance, postIds],
  );
  return new Set(rows.map((r) => Number(r.post_id)));
}

/**
 * Why a post must not be posted, if Discourse deleted it: the post itself, or its topic (a
 * deleted topic takes its replies with it).
 */
export async function findForumDeletion(
  db: Sql,
  instance: string,
  post: { postId: number; topicId: number },
): Promise<"post deleted" | "topic deleted" | undefined> {
  const [row] = await db.query<{ post: boolean; topic: boolean }>(
    `select exists (select 1 from agora_forum_deleted_post where instance = $1 and post_id = $2) as post,
            exists (select 1 from agora_forum_topic where instance = $1 and topic_id = $3 and destroyed) as topic`,
    [instance, post.postId, post.topicId],
  );
  if (row?.post) return "post deleted";
  if (row?.topic) return "topic deleted";
  return undefined;
}

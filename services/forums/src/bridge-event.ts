import {
  findForumCategorySlug,
  findForumDeletion,
  findForumTopic,
  findForumTopicTags,
  insertForumMessage,
  listForumPostsOff,
  listSentMatrixMessageKeys,
  lockForumPost,
  lockForumTopic,
  lockForumTopicEvents,
  lockForumTopicPosts,
  markForumPostDeleted,
  markForumPostHidden,
  markForumTopicDestroyed,
  saveForumCategorySlug,
  saveForumTopic,
  updateForumMessage,
  type ForumMessage,
  type Sql,
} from "@agora/db";
import type { DiscoursePost, DiscourseTopic, DiscourseWebhook, ForumRule, NotifyJob } from "@agora/schemas";
import { editKey, editRedactKey, isEditKey, postKey, postKeyPrefix, redactKey } from "./dedupe-keys.ts";
import { formatPost } from "./format-message.ts";
import { decidePrivacy, topicKeptBack } from "./privacy.ts";
import { routeRooms, ruleNamesCategory, type ForumPlace } from "./route-rules.ts";

export interface ForumLogger {
  info(obj: object, msg: string): void;
}

export interface ForumContext {
  rules: readonly ForumRule[];
  logger: ForumLogger;
}

export interface ForumEventInput {
  tx: Sql;
  /** `X-Discourse-Instance`: scopes every key, and makes the links. */
  instance: string;
  event: DiscourseWebhook;
}

export interface Bridged {
  jobs: NotifyJob[];
  /** False when the event was not one the bridge acts on, or was kept from every room. */
  taken: boolean;
}

const tagNames = (tags: unknown): string[] | undefined =>
  Array.isArray(tags)
    ? tags.flatMap((t) => (typeof t === "string" ? [t] : t && typeof t.name === "string" ? [t.name] : []))
    : undefined;

const hasText = (post: DiscoursePost) => Boolean(post.cooked || post.raw);

/**
 * Turns one Discourse event into the notify jobs it calls for, and records what was posted, in
 * the delivery's transaction. Every decision reads the post's rows first, so a redelivery or a
 * retry with a new event id finds the work done and enqueues nothing new.
 */
export async function bridgeForumEvent({
  ctx,
  input,
}: {
  ctx: ForumContext;
  input: ForumEventInput;
}): Promise<Bridged> {
  const { event } = input;
  if (event.kind === "post") return bridgePost(ctx, input, event.post);
  if (event.kind === "topic") return bridgeTopic(ctx, input, event.topic);
  return { jobs: [], taken: false };
}

async function bridgePost(ctx: ForumContext, input: ForumEventInput, post: DiscoursePost): Promise<Bridged> {
  const { tx, instance, event } = input;
  await lockForumTopicEvents(tx, instance, post.topic_id);
  const rows = await lockForumPost(tx, instance, post.id);
  // Removing never leaks, so a deletion is carried out whatever the rules now say, and remembered:
  // Discourse's events can be processed out of order (or retried later), and a post deleted must
  // not come back by an edit or creation processed after it. A payload may also say it is deleted.
  if (event.event === "post_destroyed" || (event.event !== "post_recovered" && post.deleted_at)) {
    await markForumPostDeleted(tx, instance, post.id, true);
    return { jobs: await redactAll(tx, rows), taken: rows.length > 0 };
  }
  if (event.event === "post_recovered") {
    await markForumPostDeleted(tx, instance, post.id, false);
    // Discourse recovers a topic with its first post.
    if (post.post_number === 1) await markForumTopicDestroyed(tx, instance, post.topic_id, false);
  }
  // A reply recovered in a topic still deleted stays off as well.
  const deletion = await findForumDeletion(tx, instance, { postId: post.id, topicId: post.topic_id });
  if (deletion) {
    ctx.logger.info(
      { instance, event: event.event, postId: post.id, topicId: post.topic_id, reason: deletion },
      "forum post not bridged",
    );
    return { jobs: await redactAll(tx, rows), taken: false };
  }

  const slug = (post as { category_slug?: unknown }).category_slug;
  const place: ForumPlace = {
    categoryId: post.category_id,
    categorySlug: typeof slug === "string" ? slug : undefined,
    tags: tagNames((post as { tags?: unknown }).tags) ?? [],
  };
  // A topic's payload names its category by id only: the slug is learned from every post heard of.
  if (typeof post.category_id === "number" && place.categorySlug)
    await saveForumCategorySlug(tx, instance, post.category_id, place.categorySlug);
  const off = await keptOff(ctx, input, post);
  if (off) {
    ctx.logger.info(
      { instance, event: event.event, postId: post.id, topicId: post.topic_id, reason: off },
      "forum post not bridged",
    );
    return { jobs: await redactAll(tx, rows), taken: false };
  }
  // The topic's tags are read only when a rule for this category asks for tags.
  if (!place.tags.length && ctx.rules.some((r) => r.tags?.length && ruleNamesCategory(r, place))) {
    place.tags = (await findForumTopicTags(tx, instance, post.topic_id)) ?? [];
  }
  const privacy = decidePrivacy(event, place, ctx.rules);
  if (!privacy.bridge) {
    ctx.logger.info(
      { instance, event: event.event, postId: post.id, topicId: post.topic_id, reason: privacy.reason },
      "forum post not bridged",
    );
    // Bridged while public, private now (moved, or turned into a message): take it back.
    return { jobs: await redactAll(tx, rows), taken: false };
  }

  const jobs: NotifyJob[] = [];
  for (const [room, filter] of routeRooms(ctx.rules, place)) {
    if (post.post_number !== 1 && filter === "follow") continue;
    const row = rows.find((r) => r.room === room);
    const inThread = post.post_number !== 1 && filter === "thread";
    if (!row) {
      jobs.push(...(await post0(tx, { instance, room, post, inThread, generation: 0 })));
    } else if (
      event.event === "post_edited" &&
      !row.deleted &&
      post.version !== undefined &&
      post.version >= row.version &&
      hasText(post)
    ) {
      const formatted = formatPost(post, instance);
      if (formatted.body === row.body && formatted.html === row.html) continue;
      const key = editKey({ ...row, room }, post.version, post.updated_at);
      jobs.push({
        action: "send",
        dedupeKey: key,
        room,
        body: formatted.body,
        html: formatted.html,
        replaces: row.messageKey,
      });
      await updateForumMessage(tx, {
        ...row,
        version: post.version,
        body: formatted.body,
        html: formatted.html,
        editKeys: [...row.editKeys, key],
      });
    } else if (
      (event.event === "post_recovered" || event.event === "post_edited") &&
      row.deleted &&
      (post.version ?? row.version) >= row.version
    ) {
      // Recovered, or shown again (unhidden, its topic public again): posted anew. A creation
      // heard of twice is a retry, and an older version a late edit: neither brings it back.
      jobs.push(...(await recover(tx, row, hasText(post) ? formatPost(post, instance) : row, inThread)));
    }
  }
  return { jobs, taken: true };
}

/**
 * Why a post not deleted must stay off every room now: hidden by flags (remembered, so that a
 * retried creation cannot show it again; a later edit showing it unhidden lifts it), or its topic
 * kept back as its last topic event showed it (`topicKeptBack`).
 */
async function keptOff(ctx: ForumContext, input: ForumEventInput, post: DiscoursePost): Promise<string | undefined> {
  const { tx, instance, event } = input;
  if (post.hidden === true) {
    await markForumPostHidden(tx, instance, post.id, true);
    return "post hidden";
  }
  if (event.event === "post_created") {
    if ((await listForumPostsOff(tx, instance, [post.id])).has(post.id)) return "post hidden";
  } else {
    await markForumPostHidden(tx, instance, post.id, false);
  }
  const topic = await findForumTopic(tx, instance, post.topic_id);
  return topic && topicKeptBack({ ...topic, categorySlug: await slugOf(tx, instance, topic.categoryId) }, ctx.rules);
}

const slugOf = async (tx: Sql, instance: string, categoryId: number | null) =>
  categoryId === null ? undefined : findForumCategorySlug(tx, instance, categoryId);

/** The first message of a post in a room; the insert decides between concurrent deliveries. */
async function post0(
  tx: Sql,
  p: { instance: string; room: string; post: DiscoursePost; inThread: boolean; generation: number },
): Promise<NotifyJob[]> {
  const { post, room, instance } = p;
  const version = post.version ?? 1;
  const key = postKey({ instance, postId: post.id, room, generation: p.generation }, version);
  const formatted = formatPost(post, instance);
  const row: ForumMessage = {
    instance,
    postId: post.id,
    room,
    topicId: post.topic_id,
    postNumber: post.post_number,
    categoryId: post.category_id ?? null,
    generation: p.generation,
    version,
    messageKey: key,
    body: formatted.body,
    html: formatted.html,
    deleted: false,
    editKeys: [],
    inThread: p.inThread,
  };
  if (!(await insertForumMessage(tx, row))) return [];
  return [
    {
      action: "send",
      dedupeKey: key,
      room,
      body: formatted.body,
      html: formatted.html,
      threadOf: await threadRoot(tx, row, p.inThread),
    },
  ];
}

/** The topic's message in the room, for a reply under `thread`; a plain message when there is none. */
async function threadRoot(tx: Sql, row: ForumMessage, inThread: boolean): Promise<string | undefined> {
  if (!inThread) return undefined;
  const topic = await lockForumTopicPosts(tx, row.instance, row.topicId, 1);
  return topic.find((t) => t.room === row.room && !t.deleted)?.messageKey;
}

async function recover(
  tx: Sql,
  row: ForumMessage,
  text: { body: string; html: string | null },
  inThread: boolean,
): Promise<NotifyJob[]> {
  const generation = row.generation + 1;
  const key = postKey({ ...row, generation }, row.version);
  const next: ForumMessage = {
    ...row,
    generation,
    messageKey: key,
    body: text.body,
    html: text.html,
    deleted: false,
    editKeys: [],
    inThread,
  };
  await updateForumMessage(tx, next);
  const threadOf = await threadRoot(tx, next, inThread);
  return [
    {
      action: "send",
      dedupeKey: key,
      room: row.room,
      body: text.body,
      ...(text.html ? { html: text.html } : {}),
      threadOf,
    },
  ];
}

/**
 * Takes back a post's messages: the original and every edit of it, since an `m.replace` carries
 * the edited text in full and a client (or the relations API) still shows it after the original
 * is redacted. Edits not sent yet are redacted too (the notifier then never sends them); the sent
 * ones are also read from the notifier's records, for rows older than `editKeys`.
 */
async function redactAll(tx: Sql, rows: readonly ForumMessage[]): Promise<NotifyJob[]> {
  const jobs: NotifyJob[] = [];
  for (const row of rows.filter((r) => !r.deleted)) {
    jobs.push({ action: "redact", dedupeKey: redactKey(row), target: row.messageKey, reason: "deleted on the forum" });
    const sent = (await listSentMatrixMessageKeys(tx, postKeyPrefix(row))).filter(isEditKey);
    for (const edit of new Set([...row.editKeys, ...sent]))
      jobs.push({ action: "redact", dedupeKey: editRedactKey(edit), target: edit, reason: "deleted on the forum" });
    await updateForumMessage(tx, { ...row, deleted: true });
  }
  return jobs;
}

async function bridgeTopic(ctx: ForumContext, input: ForumEventInput, topic: DiscourseTopic): Promise<Bridged> {
  const { tx, instance, event } = input;
  await lockForumTopicEvents(tx, instance, topic.id);
  // Post payloads carry neither the topic's tags nor whether it is listed: rules with tags, and
  // the privacy of its posts, read them from here.
  const categoryId = topic.category_id ?? null;
  await saveForumTopic(tx, {
    instance,
    topicId: topic.id,
    categoryId,
    tags: tagNames(topic.tags) ?? [],
    archetype: topic.archetype,
    visible: topic.visible ?? null,
  });
  if (event.event === "topic_destroyed") {
    // Discourse deletes the first post alone, but a deleted topic's replies are gone from the
    // forum with it: every post of the topic is taken back, and remembered so that none of them
    // processed after this (created, edited, retried) is posted until the topic is recovered.
    await markForumTopicDestroyed(tx, instance, topic.id, true);
    return { jobs: await redactAll(tx, await lockForumTopic(tx, instance, topic.id)), taken: true };
  }
  if (event.event === "topic_recovered") {
    await markForumTopicDestroyed(tx, instance, topic.id, false);
    // Discourse recovers a topic with its first post.
    for (const row of await lockForumTopicPosts(tx, instance, topic.id, 1))
      await markForumPostDeleted(tx, instance, row.postId, false);
  }
  const keptBack = topicKeptBack(
    {
      archetype: topic.archetype,
      visible: topic.visible ?? null,
      categoryId,
      categorySlug: await slugOf(tx, instance, categoryId),
    },
    ctx.rules,
  );
  if (keptBack) {
    // Private now (turned into a message, unlisted, moved out of every bridged category):
    // everything bridged from it is taken back, as a deletion would, until it is shown again.
    const jobs = await redactAll(tx, await lockForumTopic(tx, instance, topic.id));
    ctx.logger.info(
      { instance, event: event.event, topicId: topic.id, reason: keptBack },
      jobs.length ? "forum topic taken back" : "forum topic not bridged",
    );
    return { jobs, taken: jobs.length > 0 };
  }
  // A late event of a deleted topic brings nothing back.
  if ((await findForumTopic(tx, instance, topic.id))?.destroyed) return { jobs: [], taken: true };
  return { jobs: await bringBack(ctx, input, topic), taken: true };
}

/**
 * What was taken back while the topic was deleted or kept back, posted again now that it may be
 * shown (the topic's payload carries no text: the stored one), under the next generation: in the
 * rooms it was in, its first post first (the root of its replies' threads), each reply in the
 * thread if it was in one, as long as the topic is still in the category it was bridged from.
 * Posts deleted or hidden on their own stay off.
 */
async function bringBack(ctx: ForumContext, input: ForumEventInput, topic: DiscourseTopic): Promise<NotifyJob[]> {
  const { tx, instance, event } = input;
  const rows = (await lockForumTopic(tx, instance, topic.id))
    .filter((r) => r.deleted)
    .sort((a, b) => a.postNumber - b.postNumber);
  const off = await listForumPostsOff(
    tx,
    instance,
    rows.map((r) => r.postId),
  );
  const jobs: NotifyJob[] = [];
  for (const row of rows) {
    if (off.has(row.postId)) continue;
    if (row.categoryId !== (topic.category_id ?? null)) {
      ctx.logger.info(
        { instance, event: event.event, topicId: topic.id, room: row.room, reason: "moved to another category" },
        "forum topic not bridged",
      );
      continue;
    }
    jobs.push(...(await recover(tx, row, row, row.inThread)));
  }
  return jobs;
}

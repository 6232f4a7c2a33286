import { z } from "zod";
import { RowId, RowInt, unstorableText } from "./storable.ts";
import type { ParseResult } from "./issues.ts";
import { readableErrors } from "./issues.ts";

// Discourse's serializers grow with every release and with every plugin: objects are loose, so
// fields Agora does not read are kept as they came.

/** Names sent in `X-Discourse-Event`, as listed by Discourse's `WebHookEventType::TYPES`. */
export const DiscourseEventType = z.enum([
  "topic_created",
  "topic_revised",
  "topic_edited",
  "topic_destroyed",
  "topic_recovered",
  "post_created",
  "post_edited",
  "post_destroyed",
  "post_recovered",
  "user_logged_in",
  "user_logged_out",
  "user_confirmed_email",
  "user_created",
  "user_approved",
  "user_updated",
  "user_destroyed",
  "user_suspended",
  "user_unsuspended",
  "group_created",
  "group_updated",
  "group_destroyed",
  "category_created",
  "category_updated",
  "category_destroyed",
  "tag_created",
  "tag_updated",
  "tag_destroyed",
  "reviewable_created",
  "reviewable_updated",
  "notification_created",
  "solved_accepted_solution",
  "solved_unaccepted_solution",
  "assign_assigned",
  "assign_unassigned",
  "user_badge_granted",
  "user_badge_revoked",
  "group_user_added",
  "group_user_removed",
  "like_created",
  "user_promoted_created",
  "voting_topic_upvote",
  "voting_topic_unvote",
  "chat_message_created",
  "chat_message_edited",
  "chat_message_trashed",
  "chat_message_restored",
]);
export type DiscourseEventType = z.infer<typeof DiscourseEventType>;

export const DiscourseUser = z.looseObject({
  id: RowId,
  username: z.string(),
  name: z.string().nullable().optional(),
  avatar_template: z.string().optional(),
});
export type DiscourseUser = z.infer<typeof DiscourseUser>;

/** Names in most versions; newer ones can serialise a tag as an object. */
export const DiscourseTag = z.union([z.string(), z.looseObject({ name: z.string() })]);
export type DiscourseTag = z.infer<typeof DiscourseTag>;

export const DiscourseTopic = z.looseObject({
  id: RowId,
  title: z.string(),
  slug: z.string(),
  /** Null for private messages, which live outside every category. */
  category_id: RowId.nullable().optional(),
  /** `regular`, `banner`, or `private_message`, whose posts must never reach a public room. */
  archetype: z.string(),
  tags: z.array(DiscourseTag).optional(),
  created_by: DiscourseUser.optional(),
  user_id: RowId.optional(),
  created_at: z.string(),
  deleted_at: z.string().nullable().optional(),
  visible: z.boolean().optional(),
  closed: z.boolean().optional(),
  archived: z.boolean().optional(),
  posts_count: RowInt.optional(),
});
export type DiscourseTopic = z.infer<typeof DiscourseTopic>;

export const DiscoursePost = z.looseObject({
  id: RowId,
  topic_id: RowId,
  post_number: RowInt,
  username: z.string(),
  user_id: RowId.optional(),
  name: z.string().nullable().optional(),
  /** HTML. Sent by Discourse, but relays and older versions may leave it out. */
  cooked: z.string().optional(),
  /** Markdown source. Same caveat as `cooked`. */
  raw: z.string().optional(),
  category_id: RowId.nullable().optional(),
  topic_title: z.string().optional(),
  topic_slug: z.string().optional(),
  topic_archetype: z.string().optional(),
  reply_to_post_number: RowInt.nullable().optional(),
  post_type: RowInt.optional(),
  hidden: z.boolean().optional(),
  created_at: z.string(),
  updated_at: z.string().optional(),
  deleted_at: z.string().nullable().optional(),
  version: RowInt.optional(),
});
export type DiscoursePost = z.infer<typeof DiscoursePost>;

export const DiscourseTopicBody = z.looseObject({ topic: DiscourseTopic });
export type DiscourseTopicBody = z.infer<typeof DiscourseTopicBody>;

export const DiscoursePostBody = z.looseObject({ post: DiscoursePost });
export type DiscoursePostBody = z.infer<typeof DiscoursePostBody>;

/** Any other event's body (users, likes, `ping`…), kept whole. */
export const DiscourseOtherBody = z.record(z.string(), z.unknown());
export type DiscourseOtherBody = z.infer<typeof DiscourseOtherBody>;

export type DiscourseWebhook =
  | { kind: "topic"; event: string; topic: DiscourseTopic; body: DiscourseTopicBody }
  | { kind: "post"; event: string; post: DiscoursePost; body: DiscoursePostBody }
  | { kind: "other"; event: string; body: DiscourseOtherBody };

const postEvents: ReadonlySet<string> = new Set(["post_created", "post_edited", "post_destroyed", "post_recovered"]);

/**
 * Which body an event carries. `topic_<status>_status_updated` (closed, pinned…) is a topic event;
 * `post_liked` is not a post event: its body is `{ like: { post, user } }`.
 */
export function discourseEventKind(eventName: string): DiscourseWebhook["kind"] {
  if (postEvents.has(eventName)) return "post";
  if (/^topic_(?:created|revised|edited|destroyed|recovered|\w+_status_updated)$/.test(eventName)) return "topic";
  return "other";
}

/** Parses a body with the schema its `X-Discourse-Event` header names; errors name the failing field. */
export function parseDiscourseWebhook(eventName: string, body: unknown): ParseResult<DiscourseWebhook> {
  const options = { error: readableErrors };
  const unstorable = unstorableText(body);
  if (unstorable.length > 0) return { success: false, error: new z.ZodError(unstorable) };
  switch (discourseEventKind(eventName)) {
    case "topic": {
      const result = DiscourseTopicBody.safeParse(body, options);
      if (!result.success) return { success: false, error: result.error };
      return { success: true, data: { kind: "topic", event: eventName, topic: result.data.topic, body: result.data } };
    }
    case "post": {
      const result = DiscoursePostBody.safeParse(body, options);
      if (!result.success) return { success: false, error: result.error };
      return { success: true, data: { kind: "post", event: eventName, post: result.data.post, body: result.data } };
    }
    case "other": {
      const result = DiscourseOtherBody.safeParse(body, options);
      if (!result.success) return { success: false, error: result.error };
      return { success: true, data: { kind: "other", event: eventName, body: result.data } };
    }
  }
}

/**
 * True unless the event is known to belong to a public topic. A post whose payload does not say
 * its archetype counts as private: bridging a private message to a public room cannot be undone.
 */
export function mayBePrivateMessage(event: DiscourseWebhook): boolean {
  if (event.kind === "topic") return !isPublicArchetype(event.topic.archetype);
  if (event.kind === "post") return !isPublicArchetype(event.post.topic_archetype);
  return true;
}

const publicArchetypes: ReadonlySet<string | null | undefined> = new Set(["regular", "banner"]);

/** `regular` and `banner` topics are public; a private message, or an archetype not given, is not. */
export const isPublicArchetype = (archetype: string | null | undefined): boolean => publicArchetypes.has(archetype);

import { isPublicArchetype, mayBePrivateMessage, type DiscourseWebhook, type ForumRule } from "@agora/schemas";
import { ruleNamesCategory, type ForumPlace } from "./route-rules.ts";

export type Privacy = { bridge: true } | { bridge: false; reason: string };

/**
 * Whether an event may reach any room at all, before the rules are asked where. The community
 * file has no list of public categories, so a category counts as public only when a rule names
 * it (by id, or by the slug the payload carries): an operator names the categories to bridge,
 * and everything else — a staff category, a category nobody thought of — stays on the forum.
 * Private messages (and posts whose archetype is not given) never leave, whatever the rules say.
 */
export function decidePrivacy(event: DiscourseWebhook, place: ForumPlace, rules: readonly ForumRule[]): Privacy {
  if (mayBePrivateMessage(event)) return { bridge: false, reason: "private message or unknown archetype" };
  if (place.categoryId === null || place.categoryId === undefined) return { bridge: false, reason: "no category" };
  if (!rules.some((rule) => ruleNamesCategory(rule, place))) {
    return {
      bridge: false,
      reason: `category ${place.categorySlug ?? place.categoryId} is not named by any rule, so not public`,
    };
  }
  return { bridge: true };
}

/** A topic as its last event showed it, its category's slug as post payloads taught it. */
export interface TopicPlace {
  archetype: string | null;
  visible: boolean | null;
  categoryId: number | null;
  categorySlug: string | undefined;
}

/**
 * Why a topic's posts must be kept from every room now, whatever their own payloads said when
 * they were bridged: the topic was turned into a private message, unlisted (Discourse's
 * `visible: false`, also what hiding a first post by flags does to its topic), or moved to a
 * category no rule names. Undefined when it may be shown.
 */
export function topicKeptBack(topic: TopicPlace, rules: readonly ForumRule[]): string | undefined {
  if (!isPublicArchetype(topic.archetype)) return "became a private message";
  if (topic.visible === false) return "unlisted";
  if (topic.categoryId === null) return "no category";
  const place = { categoryId: topic.categoryId, categorySlug: topic.categorySlug };
  if (!rules.some((rule) => ruleNamesCategory(rule, place)))
    return `moved to category ${topic.categorySlug ?? topic.categoryId}, which no rule names`;
  return undefined;
}

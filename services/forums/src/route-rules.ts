import type { ForumFilter, ForumRule } from "@agora/schemas";

/** Where a post or topic sits on the forum, as far as its payload and the topic's record say. */
export interface ForumPlace {
  categoryId: number | null | undefined;
  /** Only post payloads carry it; a rule naming a slug cannot match without it. */
  categorySlug?: string | undefined;
  tags: readonly string[];
}

/** A filter that sends something: `mute` never reaches a room. */
export type SendingFilter = Exclude<ForumFilter, "mute">;

// Discourse's chat integration: when several rules match one room, the strongest filter wins.
const precedence: Record<ForumFilter, number> = { mute: 3, thread: 2, watch: 1, follow: 0 };

export function ruleNamesCategory(rule: ForumRule, place: Pick<ForumPlace, "categoryId" | "categorySlug">): boolean {
  return typeof rule.category === "number" ? rule.category === place.categoryId : rule.category === place.categorySlug;
}

export function ruleMatches(rule: ForumRule, place: ForumPlace): boolean {
  if (!ruleNamesCategory(rule, place)) return false;
  if (!rule.tags?.length) return true;
  const tags = new Set(place.tags.map((t) => t.toLowerCase()));
  return rule.tags.some((t) => tags.has(t.toLowerCase()));
}

/**
 * The filter that applies in each room for this place, rooms under `mute` left out. A mute rule
 * without a room silences the category in every room.
 */
export function routeRooms(rules: readonly ForumRule[], place: ForumPlace): Map<string, SendingFilter> {
  const matching = rules.filter((rule) => ruleMatches(rule, place));
  const mutedEverywhere = matching.some((rule) => rule.filter === "mute" && rule.room === undefined);
  const chosen = new Map<string, ForumFilter>();
  for (const rule of matching) {
    if (rule.room === undefined) continue;
    const current = chosen.get(rule.room);
    if (current === undefined || precedence[rule.filter] > precedence[current]) chosen.set(rule.room, rule.filter);
  }
  const rooms = new Map<string, SendingFilter>();
  if (mutedEverywhere) return rooms;
  for (const [room, filter] of chosen) if (filter !== "mute") rooms.set(room, filter);
  return rooms;
}

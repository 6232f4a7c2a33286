import type { DiscoursePost } from "@agora/schemas";
import { excerptOf } from "./excerpt.ts";

export interface FormattedPost {
  body: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** `<instance>/t/<slug>/<topic_id>/<post_number>`, or nothing when the instance is unknown. */
export function postLink(instance: string | undefined, post: DiscoursePost): string | undefined {
  if (!instance || !/^https?:\/\//.test(instance)) return undefined;
  const slug = encodeURIComponent(post.topic_slug ?? "topic");
  return `${instance.replace(/\/+$/, "")}/t/${slug}/${post.topic_id}/${post.post_number}`;
}

function categoryName(post: DiscoursePost): string {
  const slug = (post as { category_slug?: unknown }).category_slug;
  return typeof slug === "string" ? slug : `category ${post.category_id ?? "?"}`;
}

/**
 * A new topic: title, author, category, excerpt and link. A reply: author, topic, excerpt, link.
 * The excerpt is plain text made by a sanitiser, escaped here before it goes into the HTML.
 */
export function formatPost(post: DiscoursePost, instance: string | undefined): FormattedPost {
  const title = post.topic_title ?? `topic ${post.topic_id}`;
  const link = postLink(instance, post);
  const excerpt = excerptOf(post);
  const author = post.name ? `${post.name} (@${post.username})` : `@${post.username}`;
  const titleHtml = link ? `<a href="${escapeHtml(link)}">${escapeHtml(title)}</a>` : escapeHtml(title);
  const head =
    post.post_number === 1
      ? {
          text: `New topic in ${categoryName(post)}: ${title} by ${author}`,
          html: `<b>New topic</b> in ${escapeHtml(categoryName(post))}: <b>${titleHtml}</b> by ${escapeHtml(author)}`,
        }
      : { text: `${author} replied in ${title}`, html: `${escapeHtml(author)} replied in ${titleHtml}` };
  const body = [head.text, excerpt, link].filter(Boolean).join("\n");
  const html = `<p>${head.html}</p>${excerpt ? `<blockquote>${escapeHtml(excerpt)}</blockquote>` : ""}`;
  return { body, html };
}

import sanitizeHtml from "sanitize-html";

export const EXCERPT_LENGTH = 400;

// Elements whose text does not belong in an excerpt: quotes and link previews (Discourse puts
// both in `<aside>`), scripts, media.
const dropped = ["script", "style", "aside", "img", "svg", "video", "audio", "iframe", "noscript", "template"];

function plainText(html: string): string {
  // Block ends become spaces first, so that the words of two paragraphs do not run together.
  const spaced = html.replace(/<\/(?:p|div|li|h\d|blockquote|pre|tr|td)>|<br\s*\/?>/gi, "$& ");
  return decodeEntities(sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {}, nonTextTags: dropped }));
}

// sanitize-html escapes what it keeps (`&amp;`, `&lt;`); the excerpt is plain text, escaped again
// only where it goes into HTML.
function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&");
}

/**
 * At most 400 characters of a post's plain text: from its `cooked` HTML, else its Markdown
 * `raw`, else nothing (relays and older versions can leave both out). Cut at a word when one
 * ends near the limit, with an ellipsis.
 */
export function excerptOf(post: { cooked?: string | undefined; raw?: string | undefined }): string {
  const source = post.cooked ? plainText(post.cooked) : (post.raw ?? "");
  const text = source.replace(/\s+/g, " ").trim();
  if (text.length <= EXCERPT_LENGTH) return text;
  const cut = text.slice(0, EXCERPT_LENGTH - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > EXCERPT_LENGTH - 80 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

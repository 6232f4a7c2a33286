const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
// A link ends before the punctuation that usually follows it in a sentence.
const LINK = /https?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]']/g;

/**
 * The HTML of a message given as text only: escaped, its links made links and its lines kept.
 * Clients render `formatted_body` when there is one and fall back on `body` otherwise, and
 * several (Element among them) show a plain body's URLs unlinked and its lines run together in
 * notifications; so every message carries both.
 *
 * @example plainToHtml("Routed #12\nhttps://x.org/12") // "Routed #12<br /><a href=\"https://x.org/12\">https://x.org/12</a>"
 */
export function plainToHtml(body: string): string {
  let html = "";
  let last = 0;
  for (const match of body.matchAll(LINK)) {
    html += escape(body.slice(last, match.index));
    html += `<a href="${escape(match[0])}">${escape(match[0])}</a>`;
    last = match.index + match[0].length;
  }
  html += escape(body.slice(last));
  return html.replace(/\r?\n/g, "<br />");
}

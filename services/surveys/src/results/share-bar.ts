import { html } from "hono/html";
import type { ShownCount } from "./suppress-counts.ts";

/** A count's share of its total, or null when either is hidden (a share beside its count would give the total away). */
export function shareOf(count: ShownCount, total: ShownCount): number | null {
  if (count === null || total === null || total === 0) return null;
  return count / total;
}

/**
 * A bar as long as a share of the whole width, drawn in SVG because the CSP lets no style
 * attribute through and a percentage width is a presentation attribute there. It sits in its
 * table cell under the label, so the label wraps freely on a phone and the bar follows the
 * cell's width. Decoration only: the cell's numbers say the same to a screen reader.
 */
export function bar(share: number | null) {
  if (share === null) return "";
  const width = Math.round(Math.min(1, Math.max(0, share)) * 1000) / 10;
  return html`<svg class="bar" aria-hidden="true" focusable="false" width="100%" height="10"><rect width="${width}%" height="10" fill="currentColor"></rect></svg>`;
}

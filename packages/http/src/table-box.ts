import { html } from "hono/html";
import type { Html } from "./page.ts";

/**
 * A table in a box of its own that scrolls sideways when the table is wider than a phone, so the
 * page itself never does. The box is a labelled region with a tab stop, so a keyboard can scroll
 * it too (axe: scrollable-region-focusable).
 */
export function tableBox(label: string, table: Html): Html {
  return html`<div class="table-box" role="region" tabindex="0" aria-label="${label}">${table}</div>`;
}

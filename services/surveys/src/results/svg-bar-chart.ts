import { html } from "hono/html";
import type { ShownCount } from "./suppress-counts.ts";

export interface BarChartInput {
  /** Unique in the page: the chart's title element takes `${id}-title`. */
  id: string;
  title: string;
  bars: { label: string; count: ShownCount }[];
  hiddenText: string;
}

const WIDTH = 640;
const ROW = 40;
const BAR = 16;
const NUMBER_SPACE = 90;
/** About what fits across the chart at its font size; the table beside it has the whole label. */
const LABEL_CHARS = 80;

const fit = (label: string) => ([...label].length > LABEL_CHARS ? `${[...label].slice(0, LABEL_CHARS - 1).join("")}…` : label);

/**
 * A horizontal bar chart as inline SVG: a label above each bar and its count after it. Only
 * presentation attributes (fill, font-size), since the CSP lets no style attribute through;
 * `currentColor` follows the page's light or dark text colour. Screen readers get the title
 * here and the numbers from the table the page puts beside every chart.
 */
export function svgBarChart({ id, title, bars, hiddenText }: BarChartInput) {
  const largest = Math.max(1, ...bars.map((b) => b.count ?? 0));
  const height = bars.length * ROW + 8;
  const scale = (WIDTH - NUMBER_SPACE) / largest;
  return html`<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title" viewBox="0 0 ${WIDTH} ${height}" width="100%" font-size="14" font-family="system-ui, sans-serif">
<title id="${id}-title">${title}</title>
${bars.map((bar, i) => {
  const top = i * ROW + 4;
  const width = bar.count === null ? 0 : Math.max(bar.count > 0 ? 2 : 0, Math.round(bar.count * scale));
  const value = bar.count === null ? hiddenText : String(bar.count);
  return html`<g>
<text x="0" y="${top + 13}" fill="currentColor">${fit(bar.label)}</text>
<rect x="0" y="${top + 18}" width="${width}" height="${BAR}" fill="currentColor" fill-opacity="0.55"></rect>
<text x="${width + 6}" y="${top + 31}" fill="currentColor">${value}</text>
</g>`;
})}
</svg>`;
}

import { html } from "hono/html";
import type { ResultsStrings } from "./results-strings.ts";
import type { CountedItem, QuestionResults, ShownCount } from "./results-types.ts";
import { svgBarChart } from "./svg-bar-chart.ts";

/** A count or figure as the page prints it: the number, or the word for hidden. */
export const shownIn = (s: ResultsStrings) => (n: ShownCount) => (n === null ? s.hidden : String(n));

/**
 * A table of many columns in a box of its own, which a stylesheet may let scroll sideways on a
 * narrow screen (the admin pages do). The box is a labelled region with a tab stop, so a keyboard
 * can scroll it too (axe: scrollable-region-focusable).
 */
export function tableBox(label: string, table: ReturnType<typeof html>) {
  return html`<div class="table-box" role="region" tabindex="0" aria-label="${label}">${table}</div>`;
}

/** One question's results: a chart, the same numbers as a table, and its figures. */
export function questionSection(q: QuestionResults, index: number, s: ResultsStrings) {
  const id = `q-${q.id}`;
  return html`<section aria-labelledby="${id}">
<h2 id="${id}">${index + 1}. ${q.title}</h2>
<p>${s.answeredBy(shownIn(s)(q.answered))}</p>
${details(q, id, s)}
${q.texts?.length ? textsList(q.texts, s) : ""}
</section>`;
}

function details(q: QuestionResults, id: string, s: ResultsStrings) {
  const shown = shownIn(s);
  const chart = (title: string, bars: { label: string; count: ShownCount }[]) => svgBarChart({ id: `${id}-chart`, title, bars, hiddenText: s.hidden });
  switch (q.type) {
    case "single_choice":
    case "multiple_choice":
      return html`${chart(q.title, q.options)}${countTable(q.title, q.options, s.option, s)}`;
    case "rating":
    case "number":
      return html`${figures([[s.mean, shown(q.mean)], [s.median, shown(q.median)]])}${chart(q.title, q.distribution)}${countTable(q.title, q.distribution, s.answer, s)}`;
    case "nps":
      return html`${figures([
        [s.nps, shown(q.score)],
        [s.promoters, shown(q.promoters)],
        [s.passives, shown(q.passives)],
        [s.detractors, shown(q.detractors)],
        [s.mean, shown(q.mean)],
        [s.median, shown(q.median)],
      ])}${chart(q.title, q.distribution)}${countTable(q.title, q.distribution, s.score, s)}`;
    case "likert": {
      const bars = q.rows.flatMap((r) => r.counts.map((count, j) => ({ label: `${r.label}: ${q.columns[j]!.label}`, count })));
      return html`${chart(q.title, bars)}
${tableBox(q.title, html`<table>
<caption>${q.title}</caption>
<thead><tr><th scope="col">${s.statement}</th>${q.columns.map((c) => html`<th scope="col" class="num">${c.label}</th>`)}<th scope="col" class="num">${s.answered}</th></tr></thead>
<tbody>${q.rows.map((r) => html`<tr><th scope="row">${r.label}</th>${r.counts.map((n) => html`<td class="num">${shown(n)}</td>`)}<td class="num">${shown(r.count)}</td></tr>`)}</tbody>
</table>`)}`;
    }
    case "ranking": {
      const places = Array.from({ length: q.positions }, (_, p) => p + 1);
      return html`${chart(s.rankedFirst(q.title), q.options)}
${tableBox(s.byPlace(q.title), html`<table>
<caption>${s.byPlace(q.title)}</caption>
<thead><tr><th scope="col">${s.option}</th>${places.map((p) => html`<th scope="col" class="num">${s.place(p)}</th>`)}<th scope="col" class="num">${s.meanPlace}</th></tr></thead>
<tbody>${q.options.map((o) => html`<tr><th scope="row">${o.label}</th>${o.byPosition.map((n) => html`<td class="num">${shown(n)}</td>`)}<td class="num">${shown(o.meanPosition)}</td></tr>`)}</tbody>
</table>`)}`;
    }
    case "short_text":
    case "long_text":
      return "";
  }
}

function countTable(title: string, items: CountedItem[], header: string, s: ResultsStrings) {
  const shown = shownIn(s);
  return html`<table>
<caption>${title}</caption>
<thead><tr><th scope="col">${header}</th><th scope="col" class="num">${s.count}</th></tr></thead>
<tbody>${items.map((item) => html`<tr><th scope="row">${item.label}</th><td class="num">${shown(item.count)}</td></tr>`)}</tbody>
</table>`;
}

function figures(pairs: [string, string][]) {
  return html`<dl>${pairs.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;
}

/** Free texts, for admins only: results for anyone else never carry them. */
function textsList(texts: string[], s: ResultsStrings) {
  return html`<details><summary>${s.freeTexts(texts.length)}</summary>
<ul>${texts.map((t) => html`<li>${t}</li>`)}</ul>
</details>`;
}

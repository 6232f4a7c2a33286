import { html } from "hono/html";
import type { CountedItem, QuestionResults, ShownCount } from "./results-types.ts";
import { svgBarChart } from "./svg-bar-chart.ts";

export const HIDDEN = "hidden";
export const shown = (n: ShownCount) => (n === null ? HIDDEN : String(n));
const stat = (n: number | null) => (n === null ? HIDDEN : String(n));

/** One question's results: a chart, the same numbers as a table, and its figures. */
export function questionSection(q: QuestionResults, index: number) {
  const id = `q-${q.id}`;
  return html`<section aria-labelledby="${id}">
<h2 id="${id}">${index + 1}. ${q.title}</h2>
<p>Answered by ${shown(q.answered)}.</p>
${details(q, id)}
${q.texts ? textsList(q.texts) : ""}
</section>`;
}

function details(q: QuestionResults, id: string) {
  switch (q.type) {
    case "single_choice":
    case "multiple_choice":
      return chartAndTable(id, q.title, q.options, "Option");
    case "rating":
    case "number":
      return html`${figures([["Mean", stat(q.mean)], ["Median", stat(q.median)]])}${chartAndTable(id, q.title, q.distribution, "Answer")}`;
    case "nps":
      return html`${figures([
        ["Net Promoter Score", stat(q.score)],
        ["Promoters (9–10)", shown(q.promoters)],
        ["Passives (7–8)", shown(q.passives)],
        ["Detractors (0–6)", shown(q.detractors)],
        ["Mean", stat(q.mean)],
        ["Median", stat(q.median)],
      ])}${chartAndTable(id, q.title, q.distribution, "Score")}`;
    case "likert": {
      const bars = q.rows.flatMap((r) => r.counts.map((count, j) => ({ label: `${r.label}: ${q.columns[j]!.label}`, count })));
      return html`${svgBarChart({ id: `${id}-chart`, title: q.title, bars, hiddenText: HIDDEN })}
<table>
<caption>${q.title}</caption>
<thead><tr><th scope="col">Statement</th>${q.columns.map((c) => html`<th scope="col" class="num">${c.label}</th>`)}<th scope="col" class="num">Answered</th></tr></thead>
<tbody>${q.rows.map((r) => html`<tr><th scope="row">${r.label}</th>${r.counts.map((n) => html`<td class="num">${shown(n)}</td>`)}<td class="num">${shown(r.count)}</td></tr>`)}</tbody>
</table>`;
    }
    case "ranking": {
      const positions = Array.from({ length: q.positions }, (_, p) => p + 1);
      return html`${svgBarChart({ id: `${id}-chart`, title: `${q.title}: ranked first`, bars: q.options, hiddenText: HIDDEN })}
<table>
<caption>${q.title}: how often each was put at each place</caption>
<thead><tr><th scope="col">Option</th>${positions.map((p) => html`<th scope="col" class="num">Place ${p}</th>`)}<th scope="col" class="num">Mean place</th></tr></thead>
<tbody>${q.options.map((o) => html`<tr><th scope="row">${o.label}</th>${o.byPosition.map((n) => html`<td class="num">${shown(n)}</td>`)}<td class="num">${stat(o.meanPosition)}</td></tr>`)}</tbody>
</table>`;
    }
    case "short_text":
    case "long_text":
      return "";
  }
}

function chartAndTable(id: string, title: string, items: CountedItem[], header: string) {
  return html`${svgBarChart({ id: `${id}-chart`, title, bars: items, hiddenText: HIDDEN })}
<table>
<caption>${title}</caption>
<thead><tr><th scope="col">${header}</th><th scope="col" class="num">Count</th></tr></thead>
<tbody>${items.map((item) => html`<tr><th scope="row">${item.label}</th><td class="num">${shown(item.count)}</td></tr>`)}</tbody>
</table>`;
}

function figures(pairs: [string, string][]) {
  return html`<dl>${pairs.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;
}

/** Free texts, for admins only: the route never passes them to a public page. */
function textsList(texts: string[]) {
  if (!texts.length) return "";
  return html`<details><summary>${texts.length} free texts (shown to admins only)</summary>
<ul>${texts.map((t) => html`<li>${t}</li>`)}</ul>
</details>`;
}

import { page } from "@agora/http";
import { localize, type SurveyDefinition } from "@agora/schemas";
import { html } from "hono/html";
import { crossTabulable, type CrossTab } from "./cross-tab.ts";
import { questionSection, shown } from "./results-sections.ts";
import type { SurveyResults } from "./results-types.ts";

export interface ResultsPageInput {
  definition: SurveyDefinition;
  results: SurveyResults;
  crossTab?: CrossTab;
  /** Why the asked cross-tab could not be made, shown above its form. */
  crossTabError?: string;
  picked: { x?: string; y?: string };
}

/** `GET /s/:slug/results`: every question's chart and table, then a cross-tab of two questions. */
export function resultsPage(input: ResultsPageInput) {
  const { results } = input;
  const legend = html`<p class="muted">To keep answers anonymous, counts of fewer than ${results.k} people are hidden, and so is any count
from which such a group could be worked out (the numbers marked “hidden”).</p>`;
  const body = results.tooFew
    ? html`<h1>Results: ${results.title}</h1>
<p>Fewer than ${results.k} people have answered so far. Results are shown from ${results.k} answers on, so that no one can be recognised in them.</p>`
    : html`<h1>Results: ${results.title}</h1>
<p>${results.responses} answers.</p>
${legend}
${results.questions.map((q, i) => questionSection(q, i))}
${crossTabSection(input)}`;
  return page({ title: `Results: ${results.title}`, body, lang: results.lang });
}

function crossTabSection({ definition, results, crossTab, crossTabError, picked }: ResultsPageInput) {
  const fallback = definition.languages[0]!;
  const text = (t: Parameters<typeof localize>[0]) => localize(t, results.lang, fallback);
  const choices = definition.questions.filter(crossTabulable);
  if (choices.length < 2) return "";
  const select = (name: "x" | "y", label: string) => html`<p><label for="crosstab-${name}">${label}</label>
<select id="crosstab-${name}" name="${name}">${choices.map(
    (q) => html`<option value="${q.id}"${picked[name] === q.id ? html` selected` : ""}>${text(q.title)}</option>`,
  )}</select></p>`;
  return html`<section aria-labelledby="crosstab">
<h2 id="crosstab">Cross-tab of two questions</h2>
${crossTabError ? html`<p class="bad" role="alert">${crossTabError}</p>` : ""}
<form method="get" action="/s/${definition.slug}/results#crosstab">
<input type="hidden" name="lang" value="${results.lang}">
${select("x", "Rows: answers to")}
${select("y", "Columns: answers to")}
<p><button type="submit">Show the cross-tab</button></p>
</form>
${crossTab ? crossTabTable(crossTab) : ""}
</section>`;
}

function crossTabTable(t: CrossTab) {
  return html`<table>
<caption>${t.x.title} (rows) by ${t.y.title} (columns), among those who answered both</caption>
<thead><tr><td></td>${t.y.values.map((v) => html`<th scope="col" class="num">${v.label}</th>`)}<th scope="col" class="num">Total</th></tr></thead>
<tbody>
${t.x.values.map((v, i) => html`<tr><th scope="row">${v.label}</th>${t.cells[i]!.map((n) => html`<td class="num">${shown(n)}</td>`)}<td class="num">${shown(t.rowTotals[i]!)}</td></tr>`)}
<tr><th scope="row">Total</th>${t.columnTotals.map((n) => html`<td class="num">${shown(n)}</td>`)}<td class="num">${shown(t.total)}</td></tr>
</tbody>
</table>`;
}

/** The same page whether the survey does not exist or its results are not public. */
export function notFoundPage() {
  return page({ title: "No results here", body: html`<h1>No results here</h1>\n<p>There is no survey with public results at this address.</p>` });
}

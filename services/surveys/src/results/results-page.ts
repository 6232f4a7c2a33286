import { page } from "@agora/http";
import { localize, type SurveyDefinition } from "@agora/schemas";
import { html } from "hono/html";
import { languageName, textDirection } from "../page/choose-language.ts";
import { crossTabulable, type CrossTab } from "./cross-tab.ts";
import { questionSection, shownIn, tableBox, type SectionContext } from "./results-sections.ts";
import { RESULTS_CSS } from "./results-stylesheet.ts";
import { resultsStrings, type ResultsStrings } from "./results-strings.ts";
import type { SurveyResults } from "./results-types.ts";

export interface ResultsPageInput {
  definition: SurveyDefinition;
  results: SurveyResults;
  crossTab?: CrossTab;
  /** Why the asked cross-tab could not be made, shown above its form. */
  crossTabError?: string;
  picked: { x?: string; y?: string };
  /** Where the page itself is, for its language links and the cross-tab form: the public page unless given. */
  path?: string;
}

/** `GET /s/:slug/results`: every question's chart and table, then a cross-tab of two questions. */
export function resultsPage(input: ResultsPageInput) {
  const { results } = input;
  const s = resultsStrings(results.lang);
  return page({ title: s.title(results.title), body: resultsBody(input), lang: results.lang, dir: textDirection(results.lang) });
}

/** What the results page shows inside its frame; the admin's results view frames it too. */
export function resultsBody(input: ResultsPageInput) {
  const { results, definition } = input;
  const s = resultsStrings(results.lang);
  const path = input.path ?? `/s/${definition.slug}/results`;
  // Linked from the body (a stylesheet link may stand there) so that both frames, the public
  // page's and the admin's, get the results' styles without knowing of them.
  const heading = html`<link rel="stylesheet" href="${RESULTS_CSS}">
<h1>${s.title(results.title)}</h1>
${languageLinks(path, definition, results.lang, s)}`;
  const context: SectionContext = { s, lang: results.lang, k: results.k };
  return results.tooFew
    ? html`${heading}
<p>${s.tooFew(results.k)}</p>`
    : html`${heading}
<p>${s.responses(results.responses ?? 0)}</p>
<p class="muted">${s.legend(results.k)}</p>
${results.questions.map((q, i) => questionSection(q, i, context))}
${crossTabSection(input, path, s)}`;
}

function languageLinks(path: string, definition: SurveyDefinition, current: string, s: ResultsStrings) {
  if (definition.languages.length < 2) return "";
  return html`<nav aria-label="${s.languages}"><ul>${definition.languages.map((l) =>
    l === current
      ? html`<li><span aria-current="page" lang="${l}">${languageName(l)}</span></li>`
      : html`<li><a href="${path}?lang=${l}" lang="${l}" hreflang="${l}">${languageName(l)}</a></li>`,
  )}</ul></nav>`;
}

function crossTabSection({ definition, results, crossTab, crossTabError, picked }: ResultsPageInput, path: string, s: ResultsStrings) {
  const fallback = definition.languages[0]!;
  const text = (t: Parameters<typeof localize>[0]) => localize(t, results.lang, fallback);
  const choices = definition.questions.filter(crossTabulable);
  const [first, second] = choices;
  if (!first || !second) return "";
  // Unpicked, the rows default to the first question and the columns to the second: the same
  // question twice is the one pair the form would refuse.
  const chosen = { x: picked.x ?? first.id, y: picked.y ?? second.id };
  const select = (name: "x" | "y", label: string) => html`<p><label for="crosstab-${name}">${label}</label>
<select id="crosstab-${name}" name="${name}">${choices.map(
    (q) => html`<option value="${q.id}"${chosen[name] === q.id ? html` selected` : ""}>${text(q.title)}</option>`,
  )}</select></p>`;
  return html`<section aria-labelledby="crosstab">
<h2 id="crosstab">${s.crossTab}</h2>
${crossTabError ? html`<p class="bad" role="alert">${crossTabError}</p>` : ""}
<form method="get" action="${path}#crosstab">
<input type="hidden" name="lang" value="${results.lang}">
${select("x", s.rows)}
${select("y", s.columns)}
<p><button type="submit">${s.showCrossTab}</button></p>
</form>
${crossTab ? crossTabTable(crossTab, s) : ""}
</section>`;
}

function crossTabTable(t: CrossTab, s: ResultsStrings) {
  const shown = shownIn(s);
  return tableBox(s.crossTabCaption(t.x.title, t.y.title), html`<table>
<caption>${s.crossTabCaption(t.x.title, t.y.title)}</caption>
<thead><tr><td></td>${t.y.values.map((v) => html`<th scope="col" class="num">${v.label}</th>`)}<th scope="col" class="num">${s.total}</th></tr></thead>
<tbody>
${t.x.values.map((v, i) => html`<tr><th scope="row">${v.label}</th>${t.cells[i]!.map((n) => html`<td class="num">${shown(n)}</td>`)}<td class="num">${shown(t.rowTotals[i]!)}</td></tr>`)}
<tr><th scope="row">${s.total}</th>${t.columnTotals.map((n) => html`<td class="num">${shown(n)}</td>`)}<td class="num">${shown(t.total)}</td></tr>
</tbody>
</table>`);
}

/** The same page whether the survey does not exist or its results are not public. */
export function notFoundPage() {
  return page({ title: "No results here", body: html`<h1>No results here</h1>\n<p>There is no survey with public results at this address.</p>` });
}

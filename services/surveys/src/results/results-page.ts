import { page } from "@agora/http";
import { defaultLanguage, localize, type SurveyDefinition } from "@agora/schemas";
import { html } from "hono/html";
import { languageName, textDirection } from "../page/choose-language.ts";
import { crossTabulable, type CrossTab } from "./cross-tab.ts";
import { filterable, type FilteredResults } from "./filter-results.ts";
import type { OverTime } from "./over-time.ts";
import { barTable, percentIn, questionSection, shownIn, tableBox, type SectionContext } from "./results-sections.ts";
import { shareOf } from "./share-bar.ts";
import { RESULTS_CSS } from "./results-stylesheet.ts";
import { resultsStrings, type ResultsStrings } from "./results-strings.ts";
import type { ShownCount, SurveyResults } from "./results-types.ts";

export interface ResultsPageInput {
  definition: SurveyDefinition;
  results: SurveyResults;
  crossTab?: CrossTab;
  /** Why the asked cross-tab could not be made, shown above its form. */
  crossTabError?: string;
  picked: { x?: string; y?: string };
  /** `?filter=` as asked, and the group's results or why there are none. */
  filter?: { raw: string; filtered?: FilteredResults; error?: string };
  /** Where the page itself is, for its language links and the cross-tab form: the public page unless given. */
  path?: string;
}

/** `GET /s/:slug/results`: every question's chart and table, then a cross-tab of two questions. */
export function resultsPage(input: ResultsPageInput) {
  const { results } = input;
  const s = resultsStrings(results.lang);
  return page({
    title: s.title(results.title),
    body: resultsBody(input),
    lang: results.lang,
    dir: textDirection(results.lang),
  });
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
  const context: SectionContext = { s, lang: results.lang, k: results.k, responses: results.responses };
  return results.tooFew
    ? html`${heading}
<p>${s.tooFew(results.k)}</p>`
    : html`${heading}
<p>${s.responses(results.responses ?? 0)}</p>
<p class="muted">${s.legend(results.k)}</p>
${filterSection(input, path, s)}
${questionSections(input, path, context)}
${results.overTime && !input.filter?.filtered?.questions.length ? overTimeSection(results.overTime, context) : ""}
${crossTabSection(input, path, context)}`;
}

/** Everyone's sections, or the filtered group's with the questions it does not break down named. */
function questionSections({ results, filter }: ResultsPageInput, path: string, context: SectionContext) {
  const { s } = context;
  const everyone = html`${results.questions.map((q, i) => questionSection(q, i, context))}`;
  const filtered = filter?.filtered;
  if (!filtered) return everyone;
  if (filtered.tooFew)
    return html`<p class="notice" role="status">${s.filterHidden(results.k)}</p>
${everyone}`;
  const number = new Map(results.questions.map((q, i) => [q.id, i]));
  // Answers over time are everyone's too: a group's would be one more table to suppress against.
  const left = results.questions.filter((q) => filtered.notBrokenDown.includes(q.id));
  return html`<p class="notice" role="status">${s.filteredIntro(filtered.responses ?? 0, filtered.label, filtered.title)} <a href="${path}?lang=${results.lang}">${s.showEveryone}</a></p>
${filtered.questions.map((q) => questionSection(q, number.get(q.id) ?? 0, { ...context, idPrefix: "g-", group: true }))}
<p>${s.notBrokenDown}</p>
<ul>${left.map((q) => html`<li><a href="${path}?lang=${results.lang}#q-${q.id}">${(number.get(q.id) ?? 0) + 1}. ${q.title}</a></li>`)}${results.overTime ? html`<li><a href="${path}?lang=${results.lang}#over-time">${s.overTime}</a></li>` : ""}</ul>`;
}

/**
 * A plain GET form, which works without JavaScript: one select of every answer that a group may
 * be picked by, grouped by question. Answers given by fewer than k members are not offered;
 * asked for by hand, they get the same "not shown" as a hidden group.
 */
function filterSection({ definition, results, filter }: ResultsPageInput, path: string, s: ResultsStrings) {
  const candidates = results.questions.flatMap((q) => {
    const asked = definition.questions.find((d) => d.id === q.id);
    if (!asked || !filterable(asked)) return [];
    const values =
      q.type === "single_choice" || q.type === "multiple_choice"
        ? q.options
        : q.type === "rating" || q.type === "nps"
          ? q.distribution
          : [];
    const offered = values.filter((v) => v.count !== null && v.count >= results.k);
    return offered.length ? [{ q, offered }] : [];
  });
  if (!candidates.length) return "";
  const current = filter?.raw ?? "";
  return html`<section aria-labelledby="filter">
<h2 id="filter">${s.filterHeading}</h2>
${filter?.error ? html`<p class="bad" role="alert">${filter.error}</p>` : ""}
<form method="get" action="${path}">
<input type="hidden" name="lang" value="${results.lang}">
<p><label for="filter-answer">${s.filterLabel}</label>
<select id="filter-answer" name="filter"><option value="">${s.everyone}</option>${candidates.map(
    ({ q, offered }) =>
      html`<optgroup label="${q.title}">${offered.map((v) => {
        const value = `${q.id}:${v.id}`;
        return html`<option value="${value}"${value === current ? html` selected` : ""}>${v.label}</option>`;
      })}</optgroup>`,
  )}</select></p>
<p class="muted">${s.filterOffered(results.k)}</p>
<p><button type="submit">${s.showFilter}</button></p>
</form>
</section>`;
}

/** Answers by day or week, in the same table-chart as a question; shares are of all answers. */
function overTimeSection(overTime: OverTime, context: SectionContext) {
  const { s, lang } = context;
  const date = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" });
  const day = (iso: string) => date.format(new Date(`${iso}T00:00:00Z`));
  const label = ({ from, to }: { from?: string; to?: string }) =>
    !from && to
      ? s.until(day(to))
      : from && !to
        ? s.from(day(from))
        : from && to && from !== to
          ? date.formatRange(new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`))
          : day(from ?? "");
  const periods = overTime.periods.map((p) => ({ ...p, label: label(p) }));
  return html`<section aria-labelledby="over-time">
<h2 id="over-time">${s.overTime}</h2>
<p class="muted">${s.overTimeIntro(overTime.unit, context.k)}</p>
${barTable("over-time", s.period, periods, context.responses ?? null, context)}
${periods.some((p) => p.count === null) ? html`<p class="muted hidden-why">${s.hiddenWhy(context.k)}</p>` : ""}
</section>`;
}

function languageLinks(path: string, definition: SurveyDefinition, current: string, s: ResultsStrings) {
  if (definition.languages.length < 2) return "";
  return html`<nav class="languages" aria-label="${s.languages}"><ul>${definition.languages.map((l) =>
    l === current
      ? html`<li><span aria-current="page" lang="${l}">${languageName(l)}</span></li>`
      : html`<li><a href="${path}?lang=${l}" lang="${l}" hreflang="${l}">${languageName(l)}</a></li>`,
  )}</ul></nav>`;
}

function crossTabSection(
  { definition, results, crossTab, crossTabError, picked }: ResultsPageInput,
  path: string,
  context: SectionContext,
) {
  const { s } = context;
  const fallback = defaultLanguage(definition);
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
${crossTab ? crossTabTable(crossTab, context) : ""}
</section>`;
}

/**
 * The cross-tab, each cell with its share of its row. The caption is for screen readers: the
 * selects above already say which questions these are, and a caption as wide as a table that
 * scrolls on a phone would be cut.
 */
function crossTabTable(t: CrossTab, c: SectionContext) {
  const { s } = c;
  const shown = shownIn(s);
  const percent = percentIn(c.lang);
  const cell = (n: ShownCount, total: ShownCount) => {
    const share = shareOf(n, total);
    return html`<td class="num">${shown(n)}${share === null ? "" : html` <span class="muted">(${percent(share)})</span>`}</td>`;
  };
  return html`${tableBox(
    s.crossTabCaption(t.x.title, t.y.title),
    html`<table>
<caption>${s.crossTabCaption(t.x.title, t.y.title)}</caption>
<thead><tr><td></td>${t.y.values.map((v) => html`<th scope="col" class="num">${v.label}</th>`)}<th scope="col" class="num">${s.total}</th></tr></thead>
<tbody>
${t.x.values.map((v, i) => html`<tr><th scope="row">${v.label}</th>${(t.cells[i] ?? []).map((n) => cell(n, t.rowTotals[i] ?? null))}<td class="num">${shown(t.rowTotals[i] ?? null)}</td></tr>`)}
<tr><th scope="row">${s.total}</th>${t.columnTotals.map((n) => cell(n, t.total))}<td class="num">${shown(t.total)}</td></tr>
</tbody>
</table>`,
  )}
<p class="muted">${s.rowShares}</p>`;
}

/** The same page whether the survey does not exist or its results are not public. */
export function notFoundPage() {
  return page({
    title: "No results here",
    body: html`<h1>No results here</h1>\n<p>There is no survey with public results at this address.</p>`,
  });
}

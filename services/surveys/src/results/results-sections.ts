import { html } from "hono/html";
import { bar, shareOf } from "./share-bar.ts";
import type { ResultsStrings } from "./results-strings.ts";
import type { CountedItem, QuestionResults, ShownCount } from "./results-types.ts";

/** A count or figure as the page prints it: the number, or the word for hidden. */
export const shownIn = (s: ResultsStrings) => (n: ShownCount) => (n === null ? s.hidden : String(n));

/** How the page writes a share: "37%" or "37 %" by language, "<1%" rather than a zero that is not one. */
export function percentIn(lang: string) {
  const format = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 });
  return (share: number | null) =>
    share === null ? "" : share > 0 && share < 0.005 ? `<${format.format(0.01)}` : format.format(share);
}

/** What a section needs besides its question: the page's words, its language, its k. */
export interface SectionContext {
  s: ResultsStrings;
  lang: string;
  k: number;
  /** Before the ids of a section's heading and tables: a group's sections are not everyone's. */
  idPrefix?: string;
  /** The sections of a filtered group, which give no mean or median of numbers (filter-results.ts). */
  group?: boolean;
  /** Answers to the survey, the whole that answers over time are shares of. */
  responses?: number | null;
}

/**
 * A table of many columns in a box of its own, which a stylesheet may let scroll sideways on a
 * narrow screen (the admin pages do). The box is a labelled region with a tab stop, so a keyboard
 * can scroll it too (axe: scrollable-region-focusable).
 */
export function tableBox(label: string, table: ReturnType<typeof html>) {
  return html`<div class="table-box" role="region" tabindex="0" aria-label="${label}">${table}</div>`;
}

/**
 * One question's results: its figures, then one table that is the chart too: a row per option
 * with its count, its share of the answerers and a bar as long as that share, so the numbers
 * are beside the bars and not repeated in a second table.
 */
export function questionSection(q: QuestionResults, index: number, c: SectionContext) {
  const id = `${c.idPrefix ?? "q-"}${q.id}`;
  return html`<section aria-labelledby="${id}">
<h2 id="${id}">${index + 1}. ${q.title}</h2>
<p>${c.s.answeredBy(shownIn(c.s)(q.answered))}</p>
${details(q, id, c)}
${hidesSomething(q) ? html`<p class="muted hidden-why">${c.s.hiddenWhy(c.k)}</p>` : ""}
${q.texts?.length ? textsList(q.texts, c.s) : ""}
</section>`;
}

function details(q: QuestionResults, id: string, c: SectionContext) {
  const { s } = c;
  switch (q.type) {
    case "single_choice":
    case "multiple_choice":
      return barTable(id, s.option, q.options, q.answered, c);
    case "rating":
      return html`${figures(
        q,
        [
          [s.mean, q.mean],
          [s.median, q.median],
        ],
        c,
      )}${barTable(id, s.answer, q.distribution, q.answered, c)}`;
    case "number":
      // One bin says only "all answers": no chart, and why (the mean and median say the rest).
      return html`${
        c.group
          ? html`<p class="muted">${s.groupNumbers}</p>`
          : figures(
              q,
              [
                [s.mean, q.mean],
                [s.median, q.median],
              ],
              c,
            )
      }${q.distribution.length > 1 ? barTable(id, s.answer, q.distribution, q.answered, c) : q.answered === null ? "" : html`<p>${s.oneBin(c.k)}</p>`}`;
    case "nps":
      return html`${figures(
        q,
        [
          [s.nps, q.score],
          [s.mean, q.mean],
          [s.median, q.median],
        ],
        c,
      )}
${barTable(
  id,
  s.answer,
  [
    { id: "promoters", label: s.promoters, count: q.promoters },
    { id: "passives", label: s.passives, count: q.passives },
    { id: "detractors", label: s.detractors, count: q.detractors },
  ],
  q.answered,
  c,
  `${id}-groups`,
)}
${barTable(id, s.score, q.distribution, q.answered, c)}`;
    case "likert":
      return likertTable(q, id, c);
    case "ranking":
      return rankingTable(q, id, c);
    case "short_text":
    case "long_text":
      return "";
  }
}

/** Whether the question's section shows a hidden count, and so needs the sentence that says why. */
function hidesSomething(q: QuestionResults): boolean {
  const counts: ShownCount[] = [q.answered];
  if (q.type === "single_choice" || q.type === "multiple_choice") counts.push(...q.options.map((o) => o.count));
  if (q.type === "rating" || q.type === "number" || q.type === "nps")
    counts.push(...q.distribution.map((d) => d.count));
  if (q.type === "nps") counts.push(q.promoters, q.passives, q.detractors);
  if (q.type === "likert") counts.push(...q.rows.flatMap((r) => [r.count, ...r.counts]));
  if (q.type === "ranking") counts.push(...q.options.flatMap((o) => o.byPosition));
  return counts.includes(null);
}

/**
 * Counts as rows of label, count and share, each label above a bar of its share. The bar is
 * decoration for the eye (hidden from screen readers, which read the same numbers in the cells);
 * a hidden count has no bar, since any length would say something about it. Shares are of the
 * question's answerers, and not given while that number is hidden, since a share and its count
 * would give it away.
 */
export function barTable(
  id: string,
  header: string,
  items: CountedItem[],
  answered: ShownCount,
  c: SectionContext,
  tableId = `${id}-table`,
) {
  const { s } = c;
  const percent = percentIn(c.lang);
  return html`<table class="bars" id="${tableId}" aria-labelledby="${id}">
<thead><tr><th scope="col">${header}</th><th scope="col" class="num">${s.count}</th><th scope="col" class="num">${s.share}</th></tr></thead>
<tbody>${items.map((item) => {
    const share = shareOf(item.count, answered);
    return html`<tr><th scope="row">${item.label}${bar(share)}</th><td class="num">${shownIn(s)(item.count)}</td><td class="num">${percent(share)}</td></tr>`;
  })}</tbody>
</table>`;
}

/** A likert matrix: a row per statement, each scale point with its count and share of the row; one card per statement on a phone. */
function likertTable(q: Extract<QuestionResults, { type: "likert" }>, id: string, c: SectionContext) {
  const { s } = c;
  const shown = shownIn(s);
  const percent = percentIn(c.lang);
  return html`<table class="cards matrix" aria-labelledby="${id}">
<thead><tr><th scope="col">${s.statement}</th>${q.columns.map((col) => html`<th scope="col" class="num">${col.label}</th>`)}<th scope="col" class="num">${s.answered}</th></tr></thead>
<tbody>${q.rows.map(
    (r) =>
      html`<tr><th scope="row">${r.label}</th>${r.counts.map((n, j) => {
        const share = shareOf(n, r.count);
        return html`<td class="num" data-label="${q.columns[j]?.label ?? ""}"><span>${shown(n)}${share === null ? "" : html` <span class="muted">(${percent(share)})</span>`}</span>${bar(share)}</td>`;
      })}<td class="num" data-label="${s.answered}">${shown(r.count)}</td></tr>`,
  )}</tbody>
</table>`;
}

/**
 * A ranking in one table: per option, how many put it at each place, its mean place, and a bar
 * under its name for the share who ranked it first, which the sentence above the table says.
 */
function rankingTable(q: Extract<QuestionResults, { type: "ranking" }>, id: string, c: SectionContext) {
  const { s } = c;
  const shown = shownIn(s);
  const places = Array.from({ length: q.positions }, (_, p) => p + 1);
  return html`<p class="muted">${s.rankingBars}</p>
<table class="cards matrix" aria-labelledby="${id}">
<thead><tr><th scope="col">${s.option}</th>${places.map((p) => html`<th scope="col" class="num">${s.place(p)}</th>`)}<th scope="col" class="num">${s.meanPlace}</th></tr></thead>
<tbody>${q.options.map((o) => html`<tr><th scope="row">${o.label}${bar(shareOf(o.count, q.answered))}</th>${o.byPosition.map((n, p) => html`<td class="num" data-label="${s.place(p + 1)}">${shown(n)}</td>`)}<td class="num" data-label="${s.meanPlace}">${shown(o.meanPosition)}</td></tr>`)}</tbody>
</table>`;
}

/**
 * A question's figures. One that is not given says why: too few answers, or a hidden count it
 * would let someone work out (a mean is one more equation over the counts).
 */
function figures(q: QuestionResults, pairs: [string, number | null][], c: SectionContext) {
  const why = q.answered === null || q.answered < c.k ? c.s.figureTooFew(c.k) : c.s.figureHidden;
  return html`<dl class="figures">${pairs.map(([term, value]) => html`<div><dt>${term}</dt><dd>${value === null ? html`${c.s.hidden} <span class="why">(${why})</span>` : String(value)}</dd></div>`)}</dl>`;
}

/** Free texts, for admins only: results for anyone else never carry them. */
function textsList(texts: string[], s: ResultsStrings) {
  return html`<details><summary>${s.freeTexts(texts.length)}</summary>
<ul>${texts.map((t) => html`<li>${t}</li>`)}</ul>
</details>`;
}

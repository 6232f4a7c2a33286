import { newRoutes, page } from "@agora/http";
import { html } from "hono/html";
import {
  ACCURACY_DAYS,
  MIN_ACTED_FOR_PRECISION,
  accuracySentence,
  precisionText,
  type TriageAccuracy,
} from "./triage-accuracy.ts";
import { RECENT_DAYS, triageIndex, type TriagePageDeps } from "./triage-view.ts";
import { sharePercent } from "../routing/percent.ts";

const share = (part: number, whole: number) => (whole === 0 ? "" : ` (${sharePercent(part, whole)})`);

const COLUMNS = ["Decided", "Acted alone", "Moved by people", "Precision", "Asked", "Placed by people"] as const;

// Each cell carries its column's name, which a phone shows beside the figure (the `cards` style).
function accuracyCells(a: TriageAccuracy) {
  const placed = a.placed ? `${a.placed} (${a.placedAsSuggested} as suggested)` : "0";
  const figures = [
    `${a.decisions}`,
    `${a.acted}${share(a.acted, a.decisions)}`,
    `${a.corrected}`,
    precisionText(a),
    `${a.asked}`,
    placed,
  ];
  return figures.map((figure, i) => html`<td class="num" data-label="${COLUMNS[i]}">${figure}</td>`);
}

/** `GET /triage`: every SIG with how much waits for a person, how much the bot routed, and how well. */
export function triageIndexPage() {
  const routes = newRoutes<TriagePageDeps>();
  routes.get("/triage", async (c) => {
    const { sigs, overall } = await triageIndex(c.var.deps);
    const body = html`<h1>Bug triage</h1>
<table>
<caption>SIGs, with open untriaged bugs and bugs routed in the last ${RECENT_DAYS} days</caption>
<thead><tr><th scope="col">SIG</th><th scope="col" class="num">Untriaged</th><th scope="col" class="num">Routed</th></tr></thead>
<tbody>
${sigs.map(
  (s) =>
    html`<tr><th scope="row"><a href="/triage/${s.id}">${s.name}</a></th><td class="num">${s.untriaged}</td><td class="num">${s.routed}</td></tr>`,
)}
</tbody></table>
<h2>How the bot did, last ${ACCURACY_DAYS} days</h2>
<p>${accuracySentence(overall)}</p>
<table class="cards">
<caption>By the SIG the bot chose: bugs it decided, acted on alone, and those people moved; bugs it asked about, and those people placed</caption>
<thead><tr><th scope="col">SIG</th>${COLUMNS.map((name) => html`<th scope="col" class="num">${name}</th>`)}</tr></thead>
<tbody>
${sigs.map((s) => html`<tr><th scope="row"><a href="/triage/${s.id}">${s.name}</a></th>${accuracyCells(s.accuracy)}</tr>`)}
</tbody>
<tfoot><tr><th scope="row">All SIGs</th>${accuracyCells(overall)}</tr></tfoot>
</table>
<p class="muted">Moved: a person put the bug in another SIG or took its SIG label off. Precision is the share of bugs acted on that nobody moved;
with fewer than ${MIN_ACTED_FOR_PRECISION} bugs acted on it is not yet meaningful. "All SIGs" also counts questions with no guess.
As JSON: <code>/api/triage/&lt;sig&gt;</code>; for Prometheus: <code>agora_triage_*</code> in <a href="/metrics">/metrics</a>.
Confidential issues are never listed or counted.</p>`;
    c.header("Cache-Control", "no-store");
    return c.html(page({ title: "Bug triage", body }));
  });
  return routes;
}

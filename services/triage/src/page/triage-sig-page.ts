import { newRoutes, page } from "@agora/http";
import { html } from "hono/html";
import { ACCURACY_DAYS, accuracySentence } from "./triage-accuracy.ts";
import { RECENT_DAYS, UNPLACED, triageView, type TriageItem, type TriagePageDeps } from "./triage-view.ts";
import { percent } from "../routing/percent.ts";

// The link comes from GitLab's webhook; anything but http(s) is shown as text, never as a link.
const safeLink = (url: string | null) => (url && /^https?:\/\//.test(url) ? url : null);

// hono/html escapes every interpolated value, so titles of links and reasons quoting a reporter's
// words cannot inject markup.
function itemsTable(caption: string, items: TriageItem[], empty: string) {
  if (!items.length) return html`<p>${empty}</p>`;
  return html`<table class="cards">
<caption>${caption}</caption>
<thead><tr><th scope="col">Issue</th><th scope="col" class="num">Confidence</th><th scope="col">Reasons</th><th scope="col">Suggested SIGs</th><th scope="col">Decided</th></tr></thead>
<tbody>
${items.map((i) => {
  const label = i.title ? `#${i.issueIid} ${i.title}` : `project ${i.projectId} #${i.issueIid}`;
  const link = safeLink(i.url);
  // data-label: a phone shows each cell beside its column's name (the `cards` style).
  return html`<tr><th scope="row">${link ? html`<a href="${link}">${label}</a>` : label}</th><td class="num" data-label="Confidence">${percent(i.confidence)}</td><td data-label="Reasons">${
    i.reasons.length ? html`<ul>${i.reasons.map((r) => html`<li>${r}</li>`)}</ul>` : ""
  }</td><td data-label="Suggested SIGs">${i.suggestions.map((s) => `${s.sig} ${percent(s.confidence)}`).join(", ")}</td><td data-label="Decided">${i.decidedAt.slice(0, 16).replace("T", " ")} UTC</td></tr>`;
})}
</tbody></table>`;
}

/** `GET /triage/:sig`: what waits for the SIG's triagers, and what the bot routed to it lately. */
export function triageSigPage() {
  const routes = newRoutes<TriagePageDeps>();
  routes.get("/triage/:sig", async (c) => {
    const view = await triageView(c.var.deps, c.req.param("sig"));
    const body = html`<p><a href="/triage">All SIGs</a></p>
<h1>Triage: ${view.sig.name}</h1>
<p>How the bot did for ${view.sig.name} in the last ${ACCURACY_DAYS} days: ${accuracySentence(view.accuracy)}</p>
<h2>Untriaged</h2>
${itemsTable(
  view.sig.id === UNPLACED.id
    ? "Open bugs the bot could not place in any SIG"
    : `Open bugs the bot suggests for ${view.sig.name} but asked a person about`,
  view.untriaged,
  "Nothing waits for a person.",
)}
<h2>Recently routed</h2>
${itemsTable(`Bugs routed to ${view.sig.name} in the last ${RECENT_DAYS} days`, view.routed, `Nothing routed in the last ${RECENT_DAYS} days.`)}
<p class="muted">Confidential issues are never listed. As JSON: <a href="/api/triage/${view.sig.id}">/api/triage/${view.sig.id}</a></p>`;
    c.header("Cache-Control", "no-store");
    return c.html(page({ title: `Triage: ${view.sig.name}`, body }));
  });
  return routes;
}

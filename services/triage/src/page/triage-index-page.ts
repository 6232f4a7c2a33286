import { newRoutes, page } from "@agora/http";
import { html } from "hono/html";
import { RECENT_DAYS, triageIndex, type TriagePageDeps } from "./triage-view.ts";

/** `GET /triage`: every SIG with how much waits for a person and how much the bot routed. */
export function triageIndexPage() {
  const routes = newRoutes<TriagePageDeps>();
  routes.get("/triage", async (c) => {
    const sigs = await triageIndex(c.var.deps);
    const body = html`<h1>Bug triage</h1>
<table>
<caption>SIGs, with open untriaged bugs and bugs routed in the last ${RECENT_DAYS} days</caption>
<thead><tr><th scope="col">SIG</th><th scope="col" class="num">Untriaged</th><th scope="col" class="num">Routed</th></tr></thead>
<tbody>
${sigs.map(
  (s) => html`<tr><th scope="row"><a href="/triage/${s.id}">${s.name}</a></th><td class="num">${s.untriaged}</td><td class="num">${s.routed}</td></tr>`,
)}
</tbody></table>
<p class="muted">As JSON: <code>/api/triage/&lt;sig&gt;</code>. Confidential issues are never listed or counted.</p>`;
    c.header("Cache-Control", "no-store");
    return c.html(page({ title: "Bug triage", body }));
  });
  return routes;
}

import { inboxCounts, recentDeliveries, type Sql } from "@agora/db";
import { newRoutes, page, tableBox } from "@agora/http";
import { waitingNotifications } from "@agora/notifier";
import type { JobQueue } from "@agora/queue";
import { ACCURACY_DAYS, accuracySentence, recentTriageAccuracy } from "@agora/triage";
import { html } from "hono/html";

export interface StatusDeps {
  db: Sql;
  queue: JobQueue;
  /** What this process runs, and whether each part is switched on. */
  parts: { name: string; on: boolean; note: string }[];
  /** Whether this process routes bugs: the page then says how well the bot has done. */
  triageRuns: boolean;
}

async function snapshot(deps: StatusDeps) {
  const [depths, deadLetters, counts, recent, waiting, triage] = await Promise.all([
    deps.queue.depths(),
    deps.queue.deadLetters(undefined, 10),
    inboxCounts(deps.db),
    recentDeliveries(deps.db, 15),
    waitingNotifications(deps.queue, { limit: 20 }),
    deps.triageRuns ? recentTriageAccuracy(deps.db) : undefined,
  ]);
  return { depths, deadLetters, counts, recent, waiting, triage };
}

const when = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 19) + " UTC" : "");

/**
 * `/` for operators: what runs, how deep each queue is, what failed for good and the latest
 * deliveries. It shows no payloads (dead letters and events may concern confidential issues), only
 * the first line of each Matrix message still waiting, which is bound for a room anyway.
 */
export function statusRoutes() {
  const routes = newRoutes<StatusDeps>();
  routes.get("/", async (c) => {
    const deps = c.var.deps;
    const s = await snapshot(deps);
    const body = html`<h1>Agora</h1>
<p class="muted">Community infrastructure: webhook intake, triage, forum bridge, surveys, Matrix notices.
API: <a href="/docs">/docs</a> · <a href="/openapi.json">/openapi.json</a> · <a href="/metrics">/metrics</a> · <a href="/readyz">/readyz</a></p>
<h2>Services</h2>
${tableBox(
  "Services",
  html`<table><thead><tr><th>Part</th><th>State</th><th>Notes</th></tr></thead><tbody>
${deps.parts.map((p) => html`<tr><td>${p.name}</td><td>${p.on ? "on" : html`<span class="bad">off</span>`}</td><td>${p.note}</td></tr>`)}
</tbody></table>`,
)}
${
  s.triage
    ? html`<h2>Triage</h2>
<p>Over the last ${ACCURACY_DAYS} days, all SIGs: ${accuracySentence(s.triage.overall)} <a href="/triage">By SIG</a></p>`
    : ""
}
<h2>Queues</h2>
${tableBox(
  "Queues",
  html`<table><thead><tr><th>Job</th><th class="num">Queued</th><th class="num">Running</th><th class="num">Retrying</th><th class="num">Dead letters</th></tr></thead><tbody>
${s.depths.map(
  (d) =>
    html`<tr><td><code>${d.name}</code></td><td class="num">${d.queued}</td><td class="num">${d.active}</td><td class="num">${d.retrying}</td><td class="num">${
      d.deadLetters ? html`<span class="bad">${d.deadLetters}</span>` : "0"
    }</td></tr>`,
)}
</tbody></table>`,
)}
<h2>Dead letters</h2>
${
  s.deadLetters.length
    ? tableBox(
        "Dead letters",
        html`<table><thead><tr><th>When</th><th>Job</th><th class="num">Attempts</th><th>Reason</th></tr></thead><tbody>
${s.deadLetters.map((d) => html`<tr><td>${when(d.deadLetteredAt)}</td><td><code>${d.job}</code></td><td class="num">${d.attempts}</td><td>${d.reason}</td></tr>`)}
</tbody></table>`,
      )
    : html`<p>None.</p>`
}
<h2>Matrix messages waiting</h2>
${
  s.waiting.length
    ? tableBox(
        "Matrix messages waiting",
        html`<table><thead><tr><th>Queued</th><th>Room</th><th>First line</th><th>State</th></tr></thead><tbody>
${s.waiting.map((w) => html`<tr><td>${when(w.queuedAt)}</td><td><code>${w.room}</code></td><td>${w.firstLine}</td><td>${w.state}</td></tr>`)}
</tbody></table>`,
      )
    : html`<p>None.</p>`
}
<h2>Deliveries</h2>
${tableBox(
  "Deliveries",
  html`<table><thead><tr><th>Source</th><th class="num">Stored</th><th class="num">Not yet processed</th></tr></thead><tbody>
${s.counts.map((r) => html`<tr><td>${r.source}</td><td class="num">${r.stored}</td><td class="num">${r.pending}</td></tr>`)}
</tbody></table>`,
)}
<h2>Last events</h2>
${
  s.recent.length
    ? tableBox(
        "Last events",
        html`<table><thead><tr><th>Received</th><th>Source</th><th>Event</th><th>Outcome</th></tr></thead><tbody>
${s.recent.map(
  (r) =>
    html`<tr><td>${when(r.receivedAt)}</td><td>${r.source}</td><td>${r.event}</td><td>${r.outcome ?? html`<span class="muted">waiting</span>`}</td></tr>`,
)}
</tbody></table>`,
      )
    : html`<p>No deliveries yet. Point a GitLab or Discourse webhook at <code>/hooks/gitlab</code> or <code>/hooks/discourse</code>.</p>`
}`;
    c.header("Cache-Control", "no-store");
    return c.html(page({ title: "Agora status", body }));
  });
  return routes;
}

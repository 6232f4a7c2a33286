import { html } from "hono/html";
import { page } from "./page.ts";
import { tableBox } from "./table-box.ts";
import { newRoutes } from "./routes.ts";

interface Operation {
  summary?: string;
  description?: string;
}

interface OpenApiDocument {
  info: { title: string; version: string };
  paths?: object;
}

const methods = ["get", "post", "put", "patch", "delete"];

/** A readable list of the API's operations, rendered on the server from `/openapi.json`. */
export function docsRoutes<Deps>(document: () => OpenApiDocument) {
  const routes = newRoutes<Deps>();
  routes.get("/docs", (c) => {
    const doc = document();
    const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]: [string, Record<string, Operation>]) =>
      methods.flatMap((m) => {
        const op = item[m];
        return op ? [{ path, method: m, op }] : [];
      }),
    );
    const body = html`<h1>${doc.info.title} API</h1>
<p class="muted">Version ${doc.info.version}. The machine-readable document is at <a href="/openapi.json">/openapi.json</a>.</p>
${tableBox(
  "Operations",
  // A phone shows each operation as a card, each cell beside its column's name (the `cards` style).
  html`<table class="cards">
<thead><tr><th>Operation</th><th>Path</th><th>What it does</th></tr></thead>
<tbody>
${operations.map(
  (o) =>
    html`<tr><td data-label="Operation"><span class="method">${o.method}</span></td><td data-label="Path"><code>${o.path}</code></td><td data-label="What it does"><span>${o.op.summary ?? ""}${
      o.op.description ? html`<br><span class="muted">${o.op.description}</span>` : ""
    }</span></td></tr>`,
)}
</tbody>
</table>`,
)}`;
    return c.html(page({ title: `${doc.info.title} API`, body }));
  });
  return routes;
}

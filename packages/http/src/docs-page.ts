import { html } from "hono/html";
import { page } from "./page.ts";
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
export function docsRoutes<Deps>(service: string, document: () => OpenApiDocument) {
  const routes = newRoutes<Deps>();
  routes.get("/docs", (c) => {
    const doc = document();
    const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]: [string, Record<string, Operation>]) =>
      methods.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m]! })),
    );
    const body = html`<h1>${doc.info.title} API</h1>
<p class="muted">Version ${doc.info.version}. The machine-readable document is at <a href="/openapi.json">/openapi.json</a>.</p>
<table>
<thead><tr><th>Operation</th><th>Path</th><th>What it does</th></tr></thead>
<tbody>
${operations.map(
  (o) => html`<tr><td><span class="method">${o.method}</span></td><td><code>${o.path}</code></td><td>${o.op.summary ?? ""}${
    o.op.description ? html`<br><span class="muted">${o.op.description}</span>` : ""
  }</td></tr>`,
)}
</tbody>
</table>`;
    return c.html(page({ title: `Agora ${service} API`, body }));
  });
  return routes;
}
